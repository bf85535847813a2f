package com.commercive.support.email;

import java.util.List;

/**
 * An email ready to send: one recipient, a subject free of line breaks, text and HTML bodies, the
 * address a reply goes to (null: the sender's) and headers of its own (threading, and the mark that
 * a machine sent it).
 */
public record Email(String to, String subject, String text, String html, String replyTo, List<Header> headers) {
  /** A header line; neither part may break a line. */
  public record Header(String name, String value) {
    public Header {
      if (!name.matches("[A-Za-z0-9-]+") || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
        throw new IllegalArgumentException("a header must be one line with a plain name");
      }
    }
  }

  public Email {
    if (subject.indexOf('\r') >= 0 || subject.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("a subject must not contain line breaks");
    }
    if (replyTo != null && (replyTo.indexOf('\r') >= 0 || replyTo.indexOf('\n') >= 0)) {
      throw new IllegalArgumentException("a reply address must not contain line breaks");
    }
    headers = List.copyOf(headers);
  }

  public Email(String to, String subject, String text, String html) {
    this(to, subject, text, html, null, List.of());
  }
}
