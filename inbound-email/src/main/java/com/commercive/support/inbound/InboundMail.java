package com.commercive.support.inbound;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A received mail as the inbound path needs it: who sent it and to whom, its {@code Message-ID},
 * its headers (names in lower case, values decoded), the first plain-text and HTML bodies that are
 * not attachments, and its attachments.
 */
public record InboundMail(
    String messageId,
    Optional<String> from,
    List<String> to,
    String subject,
    Map<String, List<String>> headers,
    Optional<String> text,
    Optional<String> html,
    List<Attachment> attachments) {

  /** A file sent with the mail, as its sender named and typed it. */
  public record Attachment(String filename, String contentType, byte[] bytes) {}

  /** The first value of header {@code name}, if present. */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }
}
