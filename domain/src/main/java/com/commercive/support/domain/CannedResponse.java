package com.commercive.support.domain;

import java.time.Instant;
import java.util.Objects;

/** A saved answer the support team posts in one step; its body may hold {@link Template} variables. */
public record CannedResponse(
    String cannedResponseId, String title, String body, String shortcut, Instant createdAt, Instant updatedAt) {
  public CannedResponse {
    Objects.requireNonNull(cannedResponseId, "cannedResponseId");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }
}
