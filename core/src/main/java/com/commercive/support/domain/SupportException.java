package com.commercive.support.domain;

/**
 * A refusal the caller can act on (bad input, no such ticket, not allowed, conflicting state).
 * The API maps each subtype to one status in one place; anything else is a fault.
 */
public abstract sealed class SupportException extends RuntimeException
    permits ValidationException,
        NotFoundException,
        ForbiddenException,
        ConflictException,
        IdempotencyKeyReusedException,
        RateLimitedException {

  protected SupportException(String detail) {
    super(detail, null, false, false);
  }

  /** The sentence shown to the client as the problem's {@code detail}. */
  public String detail() {
    return getMessage();
  }
}
