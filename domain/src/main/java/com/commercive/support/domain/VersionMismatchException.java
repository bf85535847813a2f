package com.commercive.support.domain;

/** The ticket changed since the version the caller read ({@code If-Match}): nothing was changed. */
public final class VersionMismatchException extends SupportException {
  public VersionMismatchException(long current) {
    super(Kind.VERSION_MISMATCH, "the ticket has changed since that version; it is now at version " + current);
  }
}
