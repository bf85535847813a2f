package com.commercive.support.fakes;

import com.commercive.support.store.RateLimitStore;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

public final class InMemoryRateLimitStore implements RateLimitStore {
  private final Map<String, Integer> uses = new HashMap<>();

  @Override
  public synchronized Optional<Duration> tryAcquire(String key, int limit, Duration window, Instant now) {
    long start = now.getEpochSecond() / window.getSeconds() * window.getSeconds();
    String windowKey = key + "#" + start;
    int used = uses.getOrDefault(windowKey, 0);
    if (used >= limit) {
      return Optional.of(Duration.between(now, Instant.ofEpochSecond(start + window.getSeconds())));
    }
    uses.put(windowKey, used + 1);
    return Optional.empty();
  }
}
