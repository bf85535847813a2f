package com.commercive.support.assistant.llm;

import com.commercive.support.assistant.llm.ChatModel.ChatModelException;
import com.commercive.support.util.Backoff;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Bounded retries of a model call with the system's {@link Backoff}, honouring a provider's
 * Retry-After up to the cap. Only retryable failures are tried again.
 */
public final class Retrier {
  private final int maxAttempts;
  private final Backoff backoff;

  public Retrier(int maxAttempts, Duration baseDelay, Duration maxDelay) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    this.maxAttempts = maxAttempts;
    this.backoff = new Backoff(baseDelay, maxDelay);
  }

  public <T> T call(Supplier<T> attempt) {
    for (int n = 1; ; n++) {
      Duration wait;
      try {
        return attempt.get();
      } catch (RetryableStatusException e) {
        if (n >= maxAttempts) {
          throw new ChatModelException(
              e.getMessage() + " after " + n + " attempts", true, e);
        }
        wait = e.retryAfter.isPresent() ? backoff.capped(e.retryAfter.get()) : backoff.delay(n);
      } catch (ChatModelException e) {
        if (!e.retryable() || n >= maxAttempts) {
          throw e;
        }
        wait = backoff.delay(n);
      }
      sleep(wait);
    }
  }

  private static void sleep(Duration wait) {
    try {
      Backoff.sleep(wait, "a model call");
    } catch (IllegalStateException interrupted) {
      throw new ChatModelException("interrupted while waiting to retry", false, interrupted);
    }
  }
}
