package com.commercive.support.api;

import com.commercive.support.domain.Caller;
import com.commercive.support.domain.ConflictException;
import com.commercive.support.domain.IdempotencyKeyReusedException;
import com.commercive.support.domain.ValidationException;
import com.commercive.support.store.ClaimStore;
import com.commercive.support.store.ClaimStore.Claim;
import com.commercive.support.store.ClaimStore.Effect;
import com.commercive.support.util.Hashes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs a creating request at most once per caller and {@code Idempotency-Key}: a repeat with the
 * same request gets the first response back, a repeat with another request is refused, and a
 * repeat while the first is still running is told so. Only successful responses are kept; a
 * request that failed frees its key so that it can be retried.
 */
public final class IdempotencyService {
  public static final String HEADER = "Idempotency-Key";
  public static final Duration RETENTION = Duration.ofHours(24);
  /** Longer than the API function's timeout, so a live request is never taken over. */
  public static final Duration LOCK = Duration.ofSeconds(60);

  /** A response kept for replay; {@code location} and {@code etag} are its headers of those names, or null. */
  public record StoredResponse(int status, String location, String etag, String body) {
    public StoredResponse(int status, String location, String body) {
      this(status, location, null, body);
    }
  }

  /** Requests' responses, in the {@code request} key space. */
  static final Effect<StoredResponse> REQUESTS = new Effect<>("request", IdempotencyService::fields,
      fields -> new StoredResponse(
          Integer.parseInt(fields.get("status")), fields.get("location"), fields.get("etag"), fields.get("body")));

  private final ClaimStore store;
  private final Clock clock;

  public IdempotencyService(ClaimStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** The response, and whether it is a replay of an earlier one. */
  public record Outcome(StoredResponse response, boolean replayed) {}

  /**
   * The scope of a caller's keys: who they are and whether they act as an admin. A replay is
   * given only to the same identity with the same permissions; the same {@code sub} without the
   * admin role sends a new request, authorised like any other, and never sees what the admin's
   * request returned.
   */
  public static String scopeOf(Caller caller) {
    return caller.userId() + (caller.admin() ? "\u0000admin" : "\u0000user");
  }

  public static void validateKey(String key) {
    if (key.isEmpty() || key.length() > 255) {
      throw ValidationException.of(HEADER, "must be 1 to 255 characters");
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        throw ValidationException.of(HEADER, "must contain only visible ASCII characters");
      }
    }
  }

  /**
   * @param callerId who sends the request, as {@link #scopeOf}: keys are scoped to their sender
   * @param request everything that identifies the request (route and body)
   */
  public Outcome execute(
      String callerId, String key, String request, Supplier<StoredResponse> action) {
    validateKey(key);
    String storeKey = Hashes.sha256(callerId + '\u0000' + key);
    String requestHash = Hashes.sha256(request);
    Instant now = clock.instant();
    Optional<Claim<StoredResponse>> holder =
        store.claim(REQUESTS, storeKey, requestHash, now, now.plus(LOCK), now.plus(RETENTION));
    if (holder.isPresent()) {
      Claim<StoredResponse> existing = holder.get();
      if (!existing.fingerprint().equals(requestHash)) {
        throw new IdempotencyKeyReusedException();
      }
      if (!existing.completed()) {
        throw new ConflictException(
            "a request with this Idempotency-Key is still being processed; retry shortly");
      }
      return new Outcome(existing.result().orElseThrow(), true);
    }
    StoredResponse response;
    try {
      response = action.get();
    } catch (RuntimeException | Error failure) {
      store.release(REQUESTS, storeKey);
      throw failure;
    }
    store.complete(REQUESTS, storeKey, requestHash, response, clock.instant().plus(RETENTION));
    return new Outcome(response, false);
  }

  private static Map<String, String> fields(StoredResponse response) {
    Map<String, String> fields = new HashMap<>();
    fields.put("status", Integer.toString(response.status()));
    fields.put("body", response.body());
    if (response.location() != null) {
      fields.put("location", response.location());
    }
    if (response.etag() != null) {
      fields.put("etag", response.etag());
    }
    return fields;
  }
}
