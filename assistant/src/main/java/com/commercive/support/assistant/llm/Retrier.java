package com.commercive.support.assistant.llm;

import com.commercive.support.assistant.llm.ChatModel.ChatModelException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Bounded retries with exponential backoff and full jitter, honouring a provider's Retry-After
 * up to the cap. Only retryable failures are tried again.
 */
public final class Retrier {
  private final int maxAttempts;
  private final Duration baseDelay;
  private final Duration maxDelay;

  public Retrier(int maxAttempts, Duration baseDelay, Duration maxDelay) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    this.maxAttempts = maxAttempts;
    this.baseDelay = baseDelay;
    this.maxDelay = maxDelay;
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
        wait = e.retryAfter.isPresent() ? capped(e.retryAfter.get()) : backoff(n);
      } catch (ChatModelException e) {
        if (!e.retryable() || n >= maxAttempts) {
          throw e;
        }
        wait = backoff(n);
      }
      sleep(wait);
    }
  }

  private Duration backoff(int attempt) {
    long ceiling = Math.min(maxDelay.toMillis(), baseDelay.toMillis() << Math.min(attempt - 1, 16));
    return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
  }

  private Duration capped(Duration requested) {
    return requested.compareTo(maxDelay) > 0 ? maxDelay : requested;
  }

  private static void sleep(Duration wait) {
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChatModelException("interrupted while waiting to retry", false, e);
    }
  }
}
