package com.commercive.support.util;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The one way the system tries a store call again: an attempt runs until it says it is done, with
 * a {@link Backoff} pause between attempts, and never more than a fixed number of times. Two uses:
 * optimistic-concurrency loops (read, decide, write on condition; again when another write got
 * there first) and draining what a batch call left unprocessed.
 */
public final class Retry {
  /** What waits between attempts; tests count the waits instead of sleeping. */
  @FunctionalInterface
  interface Pause {
    void before(int retry);
  }

  private final int maxAttempts;
  private final String what;
  private final Pause pause;

  Retry(int maxAttempts, String what, Pause pause) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("a retry needs at least one attempt, not " + maxAttempts);
    }
    this.maxAttempts = maxAttempts;
    this.what = what;
    this.pause = pause;
  }

  /** At most {@code maxAttempts} attempts at {@code what} (named in errors), pausing with {@code backoff}. */
  public static Retry upTo(int maxAttempts, Backoff backoff, String what) {
    return new Retry(maxAttempts, what, retry -> backoff.pause(retry, what));
  }

  public int maxAttempts() {
    return maxAttempts;
  }

  /** What one attempt came to: done (with its result), or worth another try. */
  public static final class Outcome<T> {
    private final boolean done;
    private final T value;
    private final RuntimeException obstacle;

    private Outcome(boolean done, T value, RuntimeException obstacle) {
      this.done = done;
      this.value = value;
      this.obstacle = obstacle;
    }
  }

  public static <T> Outcome<T> done(T value) {
    return new Outcome<>(true, value, null);
  }

  /** Try again; when no attempts are left, {@link #run} throws a {@link RetriesExhaustedException}. */
  public static <T> Outcome<T> again() {
    return new Outcome<>(false, null, null);
  }

  /**
   * Try again because of {@code obstacle} (a write that lost a race); when no attempts are left,
   * {@link #run} rethrows it as it is, so callers see the store's own failure.
   */
  public static <T> Outcome<T> again(RuntimeException obstacle) {
    return new Outcome<>(false, null, obstacle);
  }

  /** Runs {@code attempt} until it is done; see {@link #again()} and {@link #again(RuntimeException)}. */
  public <T> T run(Supplier<Outcome<T>> attempt) {
    return run(attempt, () -> new RetriesExhaustedException("gave up on " + what + " after " + maxAttempts
        + " attempts"));
  }

  /**
   * Runs {@code attempt} until it is done; when every attempt said {@link #again()}, throws what
   * {@code giveUp} makes (a domain error the caller's callers understand).
   */
  public <T> T run(Supplier<Outcome<T>> attempt, Supplier<? extends RuntimeException> giveUp) {
    for (int attempts = 1; ; attempts++) {
      Outcome<T> outcome = attempt.get();
      if (outcome.done) {
        return outcome.value;
      }
      if (attempts >= maxAttempts) {
        if (outcome.obstacle != null) {
          // The store's failure, as callers knew it before; the bound shows up beside it.
          outcome.obstacle.addSuppressed(new RetriesExhaustedException(
              "gave up on " + what + " after " + maxAttempts + " attempts"));
          throw outcome.obstacle;
        }
        throw giveUp.get();
      }
      pause.before(attempts);
    }
  }

  /**
   * Sends {@code request}, then what each response left unprocessed, until nothing is left.
   *
   * @param send sends one request and returns its unprocessed remainder (empty or null: all done)
   * @throws RetriesExhaustedException when something is still unprocessed after the last attempt,
   *     rather than answering with part of it
   */
  public <M extends Map<?, ?>> void drain(M request, UnaryOperator<M> send) {
    AtomicReference<M> pending = new AtomicReference<>(request);
    run(() -> {
      M leftover = send.apply(pending.get());
      if (leftover == null || leftover.isEmpty()) {
        return done(null);
      }
      pending.set(leftover);
      return again();
    }, () -> new RetriesExhaustedException(
        what + ": items still unprocessed after " + maxAttempts + " attempts"));
  }

  /** A retried call that never got done within its bound. */
  public static final class RetriesExhaustedException extends IllegalStateException {
    public RetriesExhaustedException(String message) {
      super(message);
    }
  }
}
