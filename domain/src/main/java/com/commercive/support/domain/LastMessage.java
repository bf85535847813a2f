package com.commercive.support.domain;

import java.time.Instant;

/** The denormalised preview of a ticket's newest message, kept on the ticket item. */
public record LastMessage(String preview, SenderType senderType, Instant createdAt) {
  public static final int PREVIEW_LENGTH = 120;

  public static LastMessage of(Message message) {
    return new LastMessage(previewOf(message.textWithFileNames()), message.senderType(), message.createdAt());
  }

  /**
   * The first {@value #PREVIEW_LENGTH} characters with runs of whitespace folded to one space,
   * followed by an ellipsis when the text was longer. Counts code points, so a preview never
   * ends in half a surrogate pair.
   */
  public static String previewOf(String text) {
    String folded = text.strip().replaceAll("\\s+", " ");
    if (folded.codePointCount(0, folded.length()) <= PREVIEW_LENGTH) {
      return folded;
    }
    int end = folded.offsetByCodePoints(0, PREVIEW_LENGTH);
    return folded.substring(0, end).stripTrailing() + "…";
  }
}
