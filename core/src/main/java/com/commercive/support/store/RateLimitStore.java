package com.commercive.support.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Counters for rate limits, shared by every instance of every function. */
public interface RateLimitStore {
  /**
   * Counts one use of {@code key} in the fixed window containing {@code now}, unless the window
   * already holds {@code limit} uses.
   *
   * @return empty when counted; otherwise how long until the window ends
   */
  Optional<Duration> tryAcquire(String key, int limit, Duration window, Instant now);
}
