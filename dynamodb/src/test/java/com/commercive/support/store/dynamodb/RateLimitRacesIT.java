package com.commercive.support.store.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.commercive.support.standins.FreshTables;
import com.commercive.support.testkit.Races;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * The abuse limits' conditional writes, raced against DynamoDB Local: exactly the limit gets
 * through. (DynamoDB Local applies conditional writes to one item one at a time, as DynamoDB does:
 * 20 rounds of 60 concurrent callers let exactly 10 through a limit of 10.) The same guarantee for
 * idempotency keys and email sends is raced in the API's and the notifier's tests.
 */
class RateLimitRacesIT {
  static final int ROUNDS = 5;
  /**
   * Tomorrow at 10:15 UTC: the counters must not expire while the test runs. DynamoDB Local
   * removes items whose TTL attribute is past, so a clock fixed in the past (as our tests once
   * used) lets it delete a counter mid-race and the uses after start from zero: that, not a lack
   * of serialisation, was the 17-20 of 30 through a limit of 10.
   */
  static final Instant QUARTER_PAST = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.DAYS)
      .plus(Duration.ofDays(1)).plus(Duration.ofMinutes(10 * 60 + 15));
  static final int CALLERS = 30;
  @AutoClose
  static final FreshTables db = FreshTables.create();
  @AutoClose
  static final Races races = new Races(CALLERS);

  @Test
  void aLimitLetsExactlyItsAllowanceThroughARace() throws Exception {
    DynamoDbRateLimitStore store = new DynamoDbRateLimitStore(db.client(), db.names().idempotency());
    Instant now = QUARTER_PAST;
    for (int round = 0; round < ROUNDS; round++) {
      String key = "AI_REQUESTS#racer-" + round;
      List<Optional<Duration>> answers = races.race(CALLERS, () -> store.tryAcquire(key, 10, Duration.ofHours(1), now));
      assertThat(answers.stream().filter(Optional::isEmpty)).as("round %d", round).hasSize(10);
      // The refused learn when the next use fits: 11:06, once a tenth of this hour has slid out.
      assertThat(answers.stream().filter(Optional::isPresent).map(Optional::get))
          .allMatch(wait -> wait.equals(Duration.ofMinutes(51)));
    }
  }

  /** Issue 13: 40 tickets were accepted within 13 s around 16:00 with a limit of 20. */
  @Test
  void aRaceAcrossTheHoursTurnGetsNoSecondAllowance() throws Exception {
    DynamoDbRateLimitStore store = new DynamoDbRateLimitStore(db.client(), db.names().idempotency());
    String key = "TICKETS#turner";
    Instant before = QUARTER_PAST.plus(Duration.ofMinutes(5 * 60 + 44)).plus(Duration.ofSeconds(55)); // 15:59:55
    long first = races.race(CALLERS, () -> store.tryAcquire(key, 20, Duration.ofHours(1), before))
        .stream().filter(Optional::isEmpty).count();
    Instant after = before.plusSeconds(10); // 16:00:05
    long second = races.race(CALLERS, () -> store.tryAcquire(key, 20, Duration.ofHours(1), after))
        .stream().filter(Optional::isEmpty).count();
    assertThat(first).isEqualTo(20);
    assertThat(second).isZero();
  }

}
