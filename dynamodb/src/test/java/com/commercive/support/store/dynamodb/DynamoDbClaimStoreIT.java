package com.commercive.support.store.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.commercive.support.standins.DynamoDbLocalServer;
import com.commercive.support.store.ClaimStore.Claim;
import com.commercive.support.store.ClaimStore.Effect;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynamoDbClaimStoreIT {
  /** A result with two fields, one of them optional, kept as they were written. */
  record Reply(int status, String location) {}

  static final Effect<Reply> REPLIES = new Effect<>("reply", reply -> {
    Map<String, String> fields = new HashMap<>();
    fields.put("status", Integer.toString(reply.status()));
    fields.put("location", reply.location());
    return fields;
  }, fields -> new Reply(Integer.parseInt(fields.get("status")), fields.get("location")));
  static final Effect<String> OTHERS = new Effect<>("other", text -> Map.of("text", text), f -> f.get("text"));

  static DynamoDbClient client;
  static DynamoDbClaimStore store;
  static String table;
  // In the future: DynamoDB Local deletes items whose TTL (expires_at) is past.
  final Instant now = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MILLIS);
  final String id = UUID.randomUUID().toString();

  @BeforeAll
  static void start() {
    client = DynamoDbLocalServer.client();
    table = DynamoDbLocalServer.createTables(client).idempotency();
    store = new DynamoDbClaimStore(client, table);
  }

  @AfterAll
  static void close() {
    client.close();
  }

  Optional<Claim<Reply>> claim(Instant at) {
    return store.claim(REPLIES, id, "hash-1", at, at.plusSeconds(60), at.plus(Duration.ofHours(24)));
  }

  @Test
  void theFirstClaimWinsAndOthersSeeItInProgress() {
    assertThat(claim(now)).isEmpty();
    Optional<Claim<Reply>> second = claim(now.plusSeconds(1));
    assertThat(second).isPresent();
    assertThat(second.get().completed()).isFalse();
    assertThat(second.get().fingerprint()).isEqualTo("hash-1");
    assertThat(second.get().lockedUntil()).isEqualTo(now.plusSeconds(60));
  }

  @Test
  void aCompletedClaimGivesBackItsTypedResult() {
    assertThat(claim(now)).isEmpty();
    store.complete(REPLIES, id, "hash-1", new Reply(201, "/support/tickets/t-1"), now.plus(Duration.ofHours(24)));
    assertThat(claim(now.plusSeconds(120)).orElseThrow().result()).contains(new Reply(201, "/support/tickets/t-1"));
    String other = UUID.randomUUID().toString();
    store.claim(REPLIES, other, "hash-2", now, now.plusSeconds(60), now.plus(Duration.ofHours(24)));
    store.complete(REPLIES, other, "hash-2", new Reply(200, null), now.plus(Duration.ofHours(24)));
    assertThat(store.claim(REPLIES, other, "hash-2", now, now, now).orElseThrow().result()).contains(new Reply(200, null));
  }

  @Test
  void eachKindOfEffectHasItsOwnKeySpace() {
    assertThat(claim(now)).isEmpty();
    assertThat(store.claim(OTHERS, id, "hash-1", now, now.plusSeconds(60), now.plus(Duration.ofHours(24)))).isEmpty();
    store.complete(OTHERS, id, "hash-1", "done", now.plus(Duration.ofHours(24)));
    assertThat(claim(now.plusSeconds(1)).orElseThrow().completed()).isFalse();
    assertThat(client.getItem(r -> r.tableName(table).key(Map.of(
        "idempotency_key", AttributeValue.fromS("other#" + id)))).item()).containsEntry("result_text", AttributeValue.fromS("done"));
  }

  @Test
  void anExpiredLockOrRecordCanBeClaimedAgainAndReleaseFreesIt() {
    assertThat(claim(now)).isEmpty();
    assertThat(claim(now.plusSeconds(61))).isEmpty();

    store.complete(REPLIES, id, "hash-1", new Reply(201, null), now.plus(Duration.ofHours(24)));
    assertThat(claim(now.plus(Duration.ofHours(23)))).isPresent();
    assertThat(claim(now.plus(Duration.ofHours(24)).plusSeconds(1))).isEmpty();

    store.release(REPLIES, id);
    assertThat(claim(now)).isEmpty();
  }
}
