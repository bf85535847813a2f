package com.commercive.support.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Counters for rate limits, shared by every instance of every function. */
public interface RateLimitStore {
  /**
   * Counts one use of {@code key} at {@code now}, unless the last {@code window} already holds
   * {@code limit} uses (estimated as a {@link com.commercive.support.service.SlidingWindow}).
   *
   * @return empty when counted; otherwise how long until one more use is allowed
   */
  Optional<Duration> tryAcquire(String key, int limit, Duration window, Instant now);
}
