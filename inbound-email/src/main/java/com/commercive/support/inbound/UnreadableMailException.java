package com.commercive.support.inbound;

/** A mail that cannot be read as MIME: the record fails, its raw mail stays stored. */
public final class UnreadableMailException extends RuntimeException {
  public UnreadableMailException(String message, Throwable cause) {
    super(message, cause);
  }
}
