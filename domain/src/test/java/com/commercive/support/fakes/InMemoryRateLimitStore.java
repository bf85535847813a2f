package com.commercive.support.fakes;

import com.commercive.support.store.RateLimitStore;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

public final class InMemoryRateLimitStore implements RateLimitStore {
  private final Map<String, com.commercive.support.service.SlidingWindow> counts = new HashMap<>();

  @Override
  public synchronized Optional<Duration> tryAcquire(String key, int limit, Duration window, Instant now) {
    com.commercive.support.service.SlidingWindow stored = counts.get(key);
    com.commercive.support.service.SlidingWindow current = com.commercive.support.service.SlidingWindow.at(
        now, window, stored == null ? null : stored.start(), stored == null ? 0 : stored.current(),
        stored == null ? 0 : stored.previous());
    Optional<Duration> wait = current.waitBeforeOneMore(limit, now);
    if (wait.isEmpty()) {
      counts.put(key, new com.commercive.support.service.SlidingWindow(
          current.start(), window, current.previous(), current.current() + 1));
    }
    return wait;
  }
}
