package com.commercive.support.local;

import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log's warning that a poller's work waits too long: the oldest record or message it is about
 * to hand over was written more than {@link #THRESHOLD} ago (emails going out minutes late, as the
 * soak of issue 29 saw without a word in the log). At most one warning per {@link #EVERY} for each
 * source, so that a long backlog does not flood the log. On AWS the stack's alarms on the queues'
 * {@code ApproximateAgeOfOldestMessage} and the streams' iterator age say the same.
 */
final class FallingBehind {
  static final Duration THRESHOLD = Duration.ofMinutes(1);
  static final Duration EVERY = Duration.ofMinutes(1);
  private static final Logger LOG = LoggerFactory.getLogger(FallingBehind.class);

  private final String function;
  private final String source;
  private Instant lastWarned = Instant.EPOCH;

  FallingBehind(String function, String source) {
    this.function = function;
    this.source = source;
  }

  /**
   * Notes that the oldest work at hand was written at {@code oldest}; warns when it is older than
   * the threshold and no warning went out for this source in the last minute.
   *
   * @return whether it warned
   */
  synchronized boolean observe(Instant oldest, Instant now) {
    Duration age = Duration.between(oldest, now);
    if (age.compareTo(THRESHOLD) <= 0 || Duration.between(lastWarned, now).compareTo(EVERY) < 0) {
      return false;
    }
    lastWarned = now;
    LOG.atWarn().addKeyValue("function", function).addKeyValue("source", source)
        .addKeyValue("behind_seconds", age.toSeconds())
        .log("work is falling behind: the oldest waiting item is " + age.toSeconds() + " s old");
    return true;
  }
}
