package com.commercive.support.domain;

import java.time.Duration;

/** A per-user (or per-ticket) limit was reached; {@code retryAfter} says when it frees up. */
public final class RateLimitedException extends SupportException {
  private final Duration retryAfter;

  public RateLimitedException(String detail, Duration retryAfter) {
    super(Kind.RATE_LIMITED, detail);
    this.retryAfter = retryAfter;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
