package com.commercive.support.domain;

import java.util.Objects;

/** A checked file as a message carries it: what a reader sees before opening it. */
public record AttachedFile(String attachmentId, String filename, String contentType, long size) {
  public AttachedFile {
    Objects.requireNonNull(attachmentId, "attachmentId");
    Objects.requireNonNull(filename, "filename");
    Objects.requireNonNull(contentType, "contentType");
  }
}
