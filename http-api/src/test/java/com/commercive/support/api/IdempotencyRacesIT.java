package com.commercive.support.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.commercive.support.domain.ConflictException;
import com.commercive.support.standins.DynamoDbLocalServer;
import com.commercive.support.store.dynamodb.DynamoDbClaimStore;
import com.commercive.support.testkit.Races;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * An {@code Idempotency-Key} runs its request once however many copies of it arrive together,
 * raced against DynamoDB Local's conditional writes.
 */
class IdempotencyRacesIT {
  static final int ROUNDS = 5;
  static final int CALLERS = 30;
  static DynamoDbClient client;
  static IdempotencyService idempotency;
  static final Races races = new Races(CALLERS);

  @BeforeAll
  static void start() {
    client = DynamoDbLocalServer.client();
    idempotency = new IdempotencyService(
        new DynamoDbClaimStore(client, DynamoDbLocalServer.createTables(client).idempotency()), Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    races.close();
    client.close();
  }

  @Test
  void anIdempotencyKeyRunsItsRequestOnceWhateverTheRace() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      String key = "key-" + UUID.randomUUID();
      AtomicInteger executions = new AtomicInteger();
      List<String> outcomes = races.race(CALLERS, () -> {
        try {
          IdempotencyService.Outcome outcome = idempotency.execute("user-1\u0000user", key, "POST /t\n{}", () -> {
            executions.incrementAndGet();
            Races.pause(50); // long enough for the others to arrive while it runs
            return new IdempotencyService.StoredResponse(201, "/support/tickets/t-" + key, "{}");
          });
          return outcome.replayed() ? "replayed" : "executed";
        } catch (ConflictException stillRunning) {
          return "conflict";
        }
      });
      assertThat(executions).as("round %d", round).hasValue(1);
      assertThat(outcomes).as("round %d", round).containsOnlyOnce("executed");
    }
  }
}
