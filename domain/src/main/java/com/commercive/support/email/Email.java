package com.commercive.support.email;

/** An email ready to send: one recipient, a subject free of line breaks, text and HTML bodies. */
public record Email(String to, String subject, String text, String html) {
  public Email {
    if (subject.indexOf('\r') >= 0 || subject.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("a subject must not contain line breaks");
    }
  }
}
