package com.commercive.support.fakes;

import com.commercive.support.store.ClaimStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Claims in memory, with the expiry and lock rules of the real store; results kept as their fields. */
public final class InMemoryClaimStore implements ClaimStore {
  private record Entry(String fingerprint, Map<String, String> result, Instant lockedUntil, Instant expiresAt) {}

  private final Map<String, Entry> entries = new HashMap<>();

  @Override
  public synchronized <R> Optional<Claim<R>> claim(
      Effect<R> effect, String id, String fingerprint, Instant now, Instant lockedUntil, Instant expiresAt) {
    String key = effect.keySpace() + "#" + id;
    Entry existing = entries.get(key);
    boolean live = existing != null && !existing.expiresAt().isBefore(now)
        && (existing.result() != null || !existing.lockedUntil().isBefore(now));
    if (live) {
      return Optional.of(new Claim<>(id, existing.fingerprint(),
          Optional.ofNullable(existing.result()).map(effect.read()), existing.lockedUntil()));
    }
    entries.put(key, new Entry(fingerprint, null, lockedUntil, expiresAt));
    return Optional.empty();
  }

  @Override
  public synchronized <R> void complete(Effect<R> effect, String id, String fingerprint, R result, Instant expiresAt) {
    entries.put(effect.keySpace() + "#" + id, new Entry(fingerprint, effect.write().apply(result), Instant.EPOCH,
        expiresAt));
  }

  @Override
  public synchronized void release(Effect<?> effect, String id) {
    entries.remove(effect.keySpace() + "#" + id);
  }

  public synchronized int size() {
    return entries.size();
  }
}
