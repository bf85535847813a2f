package com.commercive.support.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackoffTest {
  final Backoff backoff = Backoff.of(10, 200);

  @Test
  void eachRetryMayWaitTwiceAsLongUpToTheCapNeverNothing() {
    for (int retry = 1; retry <= 8; retry++) {
      long ceiling = Math.min(200, 10L << (retry - 1));
      for (int sample = 0; sample < 200; sample++) {
        Duration delay = backoff.delay(retry);
        assertThat(delay.toMillis()).as("retry %d", retry).isBetween(1L, ceiling);
      }
    }
  }

  @Test
  void theJitterSpreadsCallersOut() {
    long distinct = IntStream.range(0, 100).mapToObj(i -> backoff.delay(5)).distinct().count();
    assertThat(distinct).isGreaterThan(20);
  }

  @Test
  void aServersRetryAfterIsHonouredUpToTheCap() {
    assertThat(backoff.capped(Duration.ofMillis(50))).isEqualTo(Duration.ofMillis(50));
    assertThat(backoff.capped(Duration.ofSeconds(30))).isEqualTo(Duration.ofMillis(200));
  }

  @Test
  void anInterruptedWaitSaysWhatItRetriedAndKeepsTheFlag() {
    Thread.currentThread().interrupt();
    assertThatThrownBy(() -> backoff.pause(1, "a ticket write"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("a ticket write");
    assertThat(Thread.interrupted()).isTrue();
  }

  @Test
  void aBaseAboveTheCapIsRefused() {
    assertThatThrownBy(() -> Backoff.of(100, 10)).isInstanceOf(IllegalArgumentException.class);
  }
}
