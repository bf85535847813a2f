package com.commercive.support.store.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.commercive.support.resources.TableNames;
import com.commercive.support.standins.DynamoDbLocalServer;
import com.commercive.support.store.IdempotencyStore.IdempotencyRecord;
import com.commercive.support.store.IdempotencyStore.StoredResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class DynamoDbIdempotencyStoreIT {
  static DynamoDbClient client;
  static TableNames tables;
  static DynamoDbIdempotencyStore store;
  // In the future: DynamoDB Local deletes items whose TTL (expires_at) is past.
  final Instant now = Instant.now().plus(Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
  final String key = UUID.randomUUID().toString();

  @BeforeAll
  static void start() {
    client = DynamoDbLocalServer.client();
    tables = DynamoDbLocalServer.createTables(client);
    store = new DynamoDbIdempotencyStore(client, tables.idempotency());
  }

  @AfterAll
  static void close() {
    client.close();
  }

  Optional<IdempotencyRecord> claim(Instant at) {
    return store.claim(key, "hash-1", at, at.plusSeconds(60), at.plus(Duration.ofHours(24)));
  }

  @Test
  void theFirstClaimWinsAndOthersSeeItInProgress() {
    assertThat(claim(now)).isEmpty();
    Optional<IdempotencyRecord> second = claim(now.plusSeconds(1));
    assertThat(second).isPresent();
    assertThat(second.get().completed()).isFalse();
    assertThat(second.get().requestHash()).isEqualTo("hash-1");
    assertThat(second.get().lockedUntil()).isEqualTo(now.plusSeconds(60));
  }

  @Test
  void aCompletedRecordReplaysItsResponse() {
    assertThat(claim(now)).isEmpty();
    StoredResponse response = new StoredResponse(201, "/support/tickets/t-1", "{\"ticket\":{}}");
    store.complete(key, "hash-1", response, now.plus(Duration.ofHours(24)));
    IdempotencyRecord record = claim(now.plusSeconds(120)).orElseThrow();
    assertThat(record.completed()).isTrue();
    assertThat(record.response()).isEqualTo(response);
  }

  @Test
  void anExpiredLockOrRecordCanBeClaimedAgainAndReleaseFreesTheKey() {
    assertThat(claim(now)).isEmpty();
    assertThat(claim(now.plusSeconds(61))).isEmpty();

    store.complete(key, "hash-1", new StoredResponse(201, null, "{}"), now.plus(Duration.ofHours(24)));
    assertThat(claim(now.plus(Duration.ofHours(23)))).isPresent();
    assertThat(claim(now.plus(Duration.ofHours(24)).plusSeconds(1))).isEmpty();

    store.release(key);
    assertThat(claim(now)).isEmpty();
  }
}
