package com.commercive.support.store;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Records of effects that must happen once: a request replayed under its {@code Idempotency-Key},
 * an email sent for a notification. A record is claimed before the effect (with a short lock, so
 * a crashed attempt does not block it for long), completed with the effect's result after it, or
 * released when the effect failed so that a retry can claim it. Each kind of effect has its own key
 * space and its own result type.
 */
public interface ClaimStore {

  /**
   * Claims {@code id} for an attempt identified by {@code fingerprint}, unless a live record holds it.
   *
   * @return empty when this caller now holds the claim; otherwise the record that holds it
   */
  <R> Optional<Claim<R>> claim(
      Effect<R> effect, String id, String fingerprint, Instant now, Instant lockedUntil, Instant expiresAt);

  <R> void complete(Effect<R> effect, String id, String fingerprint, R result, Instant expiresAt);

  void release(Effect<?> effect, String id);

  /**
   * A kind of effect: the key space its records live in (a lower-case word) and how its result is
   * kept, as named text fields.
   */
  record Effect<R>(String keySpace, Function<R, Map<String, String>> write, Function<Map<String, String>, R> read) {
    public Effect {
      if (!keySpace.matches("[a-z][a-z-]*")) {
        throw new IllegalArgumentException("a key space is a lower-case word, not " + keySpace);
      }
    }
  }

  /** What the store holds: the fingerprint of the attempt that claimed it, and its result once completed. */
  record Claim<R>(String id, String fingerprint, Optional<R> result, Instant lockedUntil) {
    public boolean completed() {
      return result.isPresent();
    }
  }
}
