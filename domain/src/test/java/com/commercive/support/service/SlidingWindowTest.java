package com.commercive.support.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SlidingWindowTest {
  static final Duration HOUR = Duration.ofHours(1);
  static final Instant START = Instant.parse("2026-11-24T16:00:00Z");

  @Test
  void weighsThePreviousWindowByWhatStillLiesInTheLastHour() {
    // 10 last hour, 3 this hour, 30 % into it: 7 + 3 = 10 of 12, so 2 more fit.
    SlidingWindow counts = new SlidingWindow(START, HOUR, 10, 3);
    Instant at = START.plus(Duration.ofMinutes(18));
    assertThat(counts.waitBeforeOneMore(12, at)).isEmpty();
    assertThat(new SlidingWindow(START, HOUR, 10, 4).waitBeforeOneMore(12, at)).isEmpty();
    // 7 + 5 = 12: full until 4 more of last hour's uses... one more fits at 40 %.
    assertThat(new SlidingWindow(START, HOUR, 10, 5).waitBeforeOneMore(12, at))
        .contains(Duration.ofMinutes(6));
  }

  @Test
  void aFullWindowWaitsIntoTheNextOneUntilItsUsesHaveSlidOutEnough() {
    SlidingWindow full = new SlidingWindow(START, HOUR, 0, 20);
    // Next window: 20 × (1 − x) + 1 ≤ 20 once x ≥ 1/20, at 17:03.
    assertThat(full.waitBeforeOneMore(20, START.plus(Duration.ofMinutes(59))))
        .contains(Duration.ofMinutes(4));
  }

  @Test
  void rollsTheStoredCountsIntoTheWindowContainingNow() {
    Instant now = START.plus(Duration.ofMinutes(5));
    assertThat(SlidingWindow.at(now, HOUR, START, 4, 9)).isEqualTo(new SlidingWindow(START, HOUR, 9, 4));
    assertThat(SlidingWindow.at(now, HOUR, START.minus(HOUR), 4, 9)).isEqualTo(new SlidingWindow(START, HOUR, 4, 0));
    assertThat(SlidingWindow.at(now, HOUR, START.minus(HOUR.multipliedBy(2)), 4, 9))
        .isEqualTo(new SlidingWindow(START, HOUR, 0, 0));
    assertThat(SlidingWindow.at(now, HOUR, null, 0, 0)).isEqualTo(new SlidingWindow(START, HOUR, 0, 0));
  }

  @Test
  void neverAsksToWaitLessThanASecond() {
    SlidingWindow counts = new SlidingWindow(START, HOUR, 60, 0);
    assertThat(counts.waitBeforeOneMore(1, START.plus(HOUR).minusMillis(1))).contains(Duration.ofSeconds(1));
  }
}
