package com.commercive.support.store;

import java.time.Instant;
import java.util.Optional;

/**
 * Records of requests already seen under an idempotency key. A record is first claimed (in
 * progress, with a short lock so a crashed request does not block the key for long), then
 * completed with the response, or released when the request failed.
 */
public interface IdempotencyStore {

  /**
   * Claims {@code key} for a request with {@code requestHash}, unless a live record holds it.
   *
   * @return empty when this caller now holds the key; otherwise the record that holds it
   */
  Optional<IdempotencyRecord> claim(
      String key, String requestHash, Instant now, Instant lockedUntil, Instant expiresAt);

  void complete(String key, String requestHash, StoredResponse response, Instant expiresAt);

  void release(String key);

  /** A response kept for replay; {@code location} is its Location header, or null. */
  record StoredResponse(int status, String location, String body) {}

  /** What the store holds under a key; {@code response} is null while in progress. */
  record IdempotencyRecord(
      String key, String requestHash, StoredResponse response, Instant lockedUntil) {
    public boolean completed() {
      return response != null;
    }
  }
}
