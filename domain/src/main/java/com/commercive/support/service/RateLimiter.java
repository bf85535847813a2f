package com.commercive.support.service;

import com.commercive.support.domain.RateLimitedException;
import com.commercive.support.store.RateLimitStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The limits on what a user can make us spend or send: assistant answers, auto-replies, new
 * tickets, messages, and emails per ticket, each per sliding hour. A limit of 0 turns it off.
 */
public final class RateLimiter {
  public static final Duration WINDOW = Duration.ofHours(1);

  public enum Limit {
    AI_REQUESTS("assistant requests"),
    AUTO_REPLIES("automatic replies"),
    TICKETS("new tickets"),
    EMAILS_PER_TICKET("emails"),
    MESSAGES("messages"),
    UPLOADS("file uploads");

    private final String description;

    Limit(String description) {
      this.description = description;
    }
  }

  private final RateLimitStore store;
  private final Clock clock;
  private final Map<Limit, Integer> perHour;

  public RateLimiter(RateLimitStore store, Clock clock, Map<Limit, Integer> perHour) {
    this.store = store;
    this.clock = clock;
    this.perHour = Map.copyOf(perHour);
  }

  /** No limits: for tests and tools that don't exercise them. */
  public static RateLimiter unlimited() {
    return new RateLimiter((key, limit, window, now) -> Optional.empty(), Clock.systemUTC(), Map.of());
  }

  /**
   * Counts one use by {@code subject} (a user or a ticket).
   *
   * @throws RateLimitedException when the hour's allowance is used up
   */
  public void acquire(Limit limit, String subject) {
    Optional<Duration> wait = tryAcquire(limit, subject);
    if (wait.isPresent()) {
      throw new RateLimitedException(
          "too many " + limit.description + ": at most " + perHour.get(limit) + " an hour", wait.get());
    }
  }

  /** Counts one use; empty when allowed, otherwise how long until it is. */
  public Optional<Duration> tryAcquire(Limit limit, String subject) {
    int allowed = perHour.getOrDefault(limit, 0);
    if (allowed <= 0) {
      return Optional.empty();
    }
    return store.tryAcquire(limit.name() + "#" + subject, allowed, WINDOW, clock.instant());
  }
}
