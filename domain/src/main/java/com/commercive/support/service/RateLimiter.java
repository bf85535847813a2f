package com.commercive.support.service;

import com.commercive.support.domain.RateLimitedException;
import com.commercive.support.store.RateLimitStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The limits on what a user can make us spend or send: assistant answers, auto-replies, new
 * tickets, messages, uploads and emails per ticket, each per sliding hour, and live-update tokens
 * per sliding minute. A limit of 0 turns it off.
 */
public final class RateLimiter {
  private static final Duration HOUR = Duration.ofHours(1);

  public enum Limit {
    AI_REQUESTS("assistant requests", HOUR),
    AUTO_REPLIES("automatic replies", HOUR),
    TICKETS("new tickets", HOUR),
    EMAILS_PER_TICKET("emails", HOUR),
    MESSAGES("messages", HOUR),
    UPLOADS("file uploads", HOUR),
    REALTIME_TOKENS("live-update tokens", Duration.ofMinutes(1));

    private final String description;
    private final Duration window;

    Limit(String description, Duration window) {
      this.description = description;
      this.window = window;
    }

    /** The sliding window the allowance counts in. */
    public Duration window() {
      return window;
    }

    private String per() {
      return window.equals(HOUR) ? "an hour" : "a minute";
    }
  }

  private final RateLimitStore store;
  private final Clock clock;
  private final Map<Limit, Integer> allowances;

  /** {@code allowances}: how many uses each limit allows in its window. */
  public RateLimiter(RateLimitStore store, Clock clock, Map<Limit, Integer> allowances) {
    this.store = store;
    this.clock = clock;
    this.allowances = Map.copyOf(allowances);
  }

  /** No limits: for tests and tools that don't exercise them. */
  public static RateLimiter unlimited() {
    return new RateLimiter((key, limit, window, now) -> Optional.empty(), Clock.systemUTC(), Map.of());
  }

  /**
   * Counts one use by {@code subject} (a user or a ticket).
   *
   * @throws RateLimitedException when the window's allowance is used up
   */
  public void acquire(Limit limit, String subject) {
    Optional<Duration> wait = tryAcquire(limit, subject);
    if (wait.isPresent()) {
      throw new RateLimitedException(
          "too many " + limit.description + ": at most " + allowances.get(limit) + " " + limit.per(), wait.get());
    }
  }

  /** Counts one use; empty when allowed, otherwise how long until it is. */
  public Optional<Duration> tryAcquire(Limit limit, String subject) {
    int allowed = allowances.getOrDefault(limit, 0);
    if (allowed <= 0) {
      return Optional.empty();
    }
    return store.tryAcquire(limit.name() + "#" + subject, allowed, limit.window(), clock.instant());
  }
}
