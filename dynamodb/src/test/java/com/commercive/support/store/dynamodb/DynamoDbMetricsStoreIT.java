package com.commercive.support.store.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.commercive.support.resources.TableNames;
import com.commercive.support.standins.DynamoDbLocalServer;
import com.commercive.support.testing.DynamoDbCallRecorder;
import com.commercive.support.testkit.Races;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The per-day counters against DynamoDB Local: a change counts once, a range of days is one read. */
class DynamoDbMetricsStoreIT {
  static final DynamoDbCallRecorder recorder = new DynamoDbCallRecorder();
  @AutoClose
  static final DynamoDbClient client = DynamoDbLocalServer.client(recorder);
  static final TableNames tables = DynamoDbLocalServer.createTables(client);
  static final DynamoDbMetricsStore store = new DynamoDbMetricsStore(client, tables.metrics(), Clock.systemUTC());
  @AutoClose
  static final Races races = new Races(8);

  @Test
  void aReplayedChangeAddsNothingEvenWhenRacing() throws Exception {
    LocalDate day = LocalDate.of(2026, 3, 1);
    List<Boolean> added = races.race(10, () -> store.add("event-1", day, Map.of("tickets_created", 1L, "csat_5", 1L)));
    assertThat(added).containsOnlyOnce(true);
    store.add("event-2", day, Map.of("tickets_created", 1L));
    assertThat(store.add("event-2", day, Map.of("tickets_created", 1L))).isFalse();

    assertThat(store.days(day, day)).containsExactly(Map.of("tickets_created", 2L, "csat_5", 1L));
  }

  @Test
  void daysOfARangeAreOneReadWhateverTheNumberOfTicketsAndEmptyDaysAreLeftOut() {
    LocalDate first = LocalDate.of(2026, 4, 1);
    for (int i = 0; i < 50; i++) {
      store.add("april-" + i, first.plusDays(i % 3), Map.of("tickets_created", 1L));
    }
    recorder.reset();
    List<Map<String, Long>> days = store.days(first, first.plusDays(91));
    assertThat(days).hasSize(3);
    assertThat(days.stream().mapToLong(d -> d.get("tickets_created")).sum()).isEqualTo(50);
    assertThat(recorder.operations()).containsExactly("BatchGetItem");
  }
}
