package com.commercive.support.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FallingBehindTest {
  final Instant now = Instant.parse("2030-01-01T10:00:00Z");
  final FallingBehind behind = new FallingBehind("notifier", "notifications");

  @Test
  void warnsWhenTheOldestWaitingWorkIsOverAMinuteOld() {
    assertThat(behind.observe(now.minusSeconds(59), now)).isFalse();
    assertThat(behind.observe(now.minus(FallingBehind.THRESHOLD).minusSeconds(1), now)).isTrue();
  }

  @Test
  void warnsAtMostOnceAMinuteWhileItStaysBehind() {
    Instant old = now.minus(Duration.ofMinutes(8));
    assertThat(behind.observe(old, now)).isTrue();
    assertThat(behind.observe(old, now.plusSeconds(30))).isFalse();
    assertThat(behind.observe(old, now.plus(FallingBehind.EVERY))).isTrue();
  }
}
