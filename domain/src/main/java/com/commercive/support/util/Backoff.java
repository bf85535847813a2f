package com.commercive.support.util;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The pause before trying again, for everything the system retries (a DynamoDB write that lost a
 * race, unprocessed keys, a throttled model provider): exponential with full jitter, so that
 * colliding callers spread out instead of colliding again. The pause before retry {@code n} is
 * random between 1 ms and {@code min(cap, base × 2^(n-1))}.
 */
public record Backoff(Duration base, Duration cap) {
  public Backoff {
    if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
      throw new IllegalArgumentException("a backoff needs 0 < base <= cap, not " + base + " and " + cap);
    }
  }

  public static Backoff of(long baseMillis, long capMillis) {
    return new Backoff(Duration.ofMillis(baseMillis), Duration.ofMillis(capMillis));
  }

  /** How long to wait before retry {@code retry} (1 for the first retry). */
  public Duration delay(int retry) {
    long ceiling = Math.min(cap.toMillis(), base.toMillis() << Math.min(Math.max(retry - 1, 0), 20));
    return Duration.ofMillis(ThreadLocalRandom.current().nextLong(1, Math.max(1, ceiling) + 1));
  }

  /** {@code requested} (a server's Retry-After), but never longer than the cap. */
  public Duration capped(Duration requested) {
    return requested.compareTo(cap) > 0 ? cap : requested;
  }

  /** Waits before retry {@code retry} of {@code what}. */
  public void pause(int retry, String what) {
    sleep(delay(retry), what);
  }

  /**
   * Sleeps for {@code wait}.
   *
   * @throws IllegalStateException when the thread is interrupted (its flag set again), naming {@code what}
   */
  public static void sleep(Duration wait, String what) {
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while retrying " + what, interrupted);
    }
  }
}
