package com.commercive.support.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A sliding-window allowance estimated from two fixed windows: the uses counted in the current
 * window plus the previous window's, weighted by how much of it still lies within the last
 * {@code window} (at 30 % into this hour, 70 % of last hour's uses count). A burst across a window
 * boundary gets the limit once, not twice.
 *
 * @param start the current window's start
 * @param previous uses counted in the window before it
 * @param current uses counted in the current window so far
 */
public record SlidingWindow(Instant start, Duration window, long previous, long current) {

  /** The window containing {@code now} for counts stored under {@code storedStart}. */
  public static SlidingWindow at(Instant now, Duration window, Instant storedStart, long storedCurrent,
      long storedPrevious) {
    long length = window.getSeconds();
    Instant start = Instant.ofEpochSecond(now.getEpochSecond() / length * length);
    if (storedStart == null) {
      return new SlidingWindow(start, window, 0, 0);
    }
    if (storedStart.equals(start)) {
      return new SlidingWindow(start, window, storedPrevious, storedCurrent);
    }
    if (storedStart.equals(start.minus(window))) {
      return new SlidingWindow(start, window, storedCurrent, 0);
    }
    return new SlidingWindow(start, window, 0, 0);
  }

  /** Empty when one more use fits under {@code limit} at {@code now}; else how long until it does. */
  public Optional<Duration> waitBeforeOneMore(int limit, Instant now) {
    double elapsed = fractionElapsed(now);
    if (previous * (1 - elapsed) + current + 1 <= limit) {
      return Optional.empty();
    }
    Instant allowedAt;
    if (current + 1 <= limit) {
      // Later in this window, once enough of the previous one has slid out.
      double fraction = 1 - (double) (limit - current - 1) / previous;
      allowedAt = start.plusMillis(millisInto(fraction));
    } else {
      // In the next window, where this window's uses become the weighted previous ones.
      double fraction = 1 - (double) (limit - 1) / current;
      allowedAt = start.plus(window).plusMillis(millisInto(Math.max(0, fraction)));
    }
    Duration wait = Duration.between(now, allowedAt);
    return Optional.of(wait.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : wait);
  }

  /** The millisecond at which {@code fraction} of the window has passed (floating-point dust removed). */
  private long millisInto(double fraction) {
    return (long) Math.ceil(fraction * window.toMillis() - 1e-6);
  }

  private double fractionElapsed(Instant now) {
    return Math.min(1, Math.max(0, (double) Duration.between(start, now).toMillis() / window.toMillis()));
  }
}
