package com.commercive.support.assistant.llm;

import java.time.Duration;
import java.util.Optional;

/** A 429 or 5xx answer, with the wait the provider asked for if it said one. */
final class RetryableStatusException extends RuntimeException {
  final int status;
  final Optional<Duration> retryAfter;

  RetryableStatusException(int status, Optional<Duration> retryAfter) {
    super("provider answered " + status, null, false, false);
    this.status = status;
    this.retryAfter = retryAfter;
  }
}
