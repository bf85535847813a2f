package com.commercive.support.inbound;

import com.commercive.support.email.ReplyAddresses;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The reply keys as the function last read them, read again when a mail to a reply address does
 * not verify and the keys are older than {@link #REREAD_AFTER}: the key may have been rotated since
 * this instance started, and a notifier started after the rotation signs with the new one. At most
 * one read a minute, so forged addresses cannot make the function hammer Secrets Manager.
 */
final class ReplyKeys {
  static final Duration REREAD_AFTER = Duration.ofMinutes(1);

  private final Supplier<ReplyAddresses> read;
  private final Clock clock;
  private ReplyAddresses current;
  private Instant readAt;

  ReplyKeys(Supplier<ReplyAddresses> read, Clock clock) {
    this.read = read;
    this.clock = clock;
    this.current = read.get();
    this.readAt = clock.instant();
  }

  /** Keys that never change (local runs, tests). */
  static ReplyKeys fixed(ReplyAddresses replies) {
    return new ReplyKeys(() -> replies, Clock.systemUTC());
  }

  synchronized ReplyAddresses current() {
    return current;
  }

  /** The keys read again, when the last read is old enough; empty otherwise. */
  synchronized Optional<ReplyAddresses> reread() {
    Instant now = clock.instant();
    if (now.isBefore(readAt.plus(REREAD_AFTER))) {
      return Optional.empty();
    }
    readAt = now;
    current = read.get();
    return Optional.of(current);
  }
}
