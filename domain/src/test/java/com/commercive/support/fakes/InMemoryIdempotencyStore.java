package com.commercive.support.fakes;

import com.commercive.support.store.IdempotencyStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

public final class InMemoryIdempotencyStore implements IdempotencyStore {
  private record Entry(IdempotencyRecord record, Instant expiresAt) {}

  private final Map<String, Entry> entries = new HashMap<>();

  @Override
  public synchronized Optional<IdempotencyRecord> claim(
      String key, String requestHash, Instant now, Instant lockedUntil, Instant expiresAt) {
    Entry existing = entries.get(key);
    boolean live =
        existing != null
            && !existing.expiresAt().isBefore(now)
            && (existing.record().completed() || !existing.record().lockedUntil().isBefore(now));
    if (live) {
      return Optional.of(existing.record());
    }
    entries.put(key, new Entry(new IdempotencyRecord(key, requestHash, null, lockedUntil), expiresAt));
    return Optional.empty();
  }

  @Override
  public synchronized void complete(
      String key, String requestHash, StoredResponse response, Instant expiresAt) {
    entries.put(key, new Entry(new IdempotencyRecord(key, requestHash, response, Instant.EPOCH), expiresAt));
  }

  @Override
  public synchronized void release(String key) {
    entries.remove(key);
  }

  public synchronized int size() {
    return entries.size();
  }
}
