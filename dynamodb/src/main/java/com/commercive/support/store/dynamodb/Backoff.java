package com.commercive.support.store.dynamodb;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The pause between attempts when DynamoDB says "again" (a transaction conflict, a changed
 * version, unprocessed keys): exponential with full jitter, so that colliding writers spread out.
 */
final class Backoff {
  private Backoff() {}

  /**
   * Sleeps a random time up to {@code base × 2^attempt} milliseconds, at most {@code cap}.
   *
   * @param what what is being retried, for the error when the thread is interrupted
   */
  static void pause(int attempt, long baseMillis, long capMillis, String what) {
    long ceiling = Math.min(capMillis, baseMillis << Math.min(attempt, 20));
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(1, Math.max(1, ceiling) + 1));
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while retrying " + what, interrupted);
    }
  }
}
