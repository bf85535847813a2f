package com.commercive.support.store.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.commercive.support.domain.Caller;
import com.commercive.support.realtime.Connection;
import com.commercive.support.realtime.Topic;
import com.commercive.support.resources.TableNames;
import com.commercive.support.standins.DynamoDbLocalServer;
import com.commercive.support.testing.DynamoDbCallRecorder;
import com.commercive.support.testkit.Races;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Tokens, connections and subscriptions against DynamoDB Local. */
class DynamoDbRealtimeStoreIT {
  static final DynamoDbCallRecorder recorder = new DynamoDbCallRecorder();
  @AutoClose
  static final DynamoDbClient client = DynamoDbLocalServer.client(recorder);
  static final TableNames tables = DynamoDbLocalServer.createTables(client);
  static final DynamoDbRealtimeStore store = new DynamoDbRealtimeStore(client, tables.connections());
  @AutoClose
  static final Races races = new Races(8);
  static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

  static Connection open(String userId, boolean admin) {
    Connection connection = new Connection("c-" + UUID.randomUUID(), userId, admin, NOW);
    store.connect(connection);
    return connection;
  }

  @Test
  void aTokenIsUsedOnceEvenByRacingConnectionsAndNotAfterItExpires() throws Exception {
    store.saveToken("digest-1", new Caller("user-1", false), NOW.plusSeconds(60));
    List<Optional<Caller>> redeemed = races.race(10, () -> store.redeemToken("digest-1", Instant.now()));
    assertThat(redeemed).filteredOn(Optional::isPresent).hasSize(1)
        .allSatisfy(caller -> assertThat(caller.orElseThrow().userId()).isEqualTo("user-1"));

    store.saveToken("digest-2", new Caller("admin-1", true), NOW.plusSeconds(60));
    assertThat(store.redeemToken("digest-2", NOW.plusSeconds(61))).as("expired").isEmpty();
    assertThat(store.redeemToken("unknown", NOW)).isEmpty();
    store.saveToken("digest-3", new Caller("admin-1", true), NOW.plusSeconds(60));
    assertThat(store.redeemToken("digest-3", NOW).orElseThrow().admin()).isTrue();
  }

  @Test
  void aUsersUnusedTokensAndOpenConnectionsAreCountedInOneQueryAndFreedWhenUsedClosedOrExpired() {
    String user = "user-" + UUID.randomUUID();
    store.saveToken("seat-token-1", new Caller(user, false), NOW.plusSeconds(60));
    store.saveToken("seat-token-2", new Caller(user, false), NOW.plusSeconds(60));
    Connection first = open(user, false);
    Connection second = open(user, false);
    store.subscribe(second, Topic.inbox());
    open("someone-else", false);

    recorder.reset();
    assertThat(store.openSeats(user, NOW, 10)).isEqualTo(4);
    assertThat(recorder.operations()).containsExactly("Query");
    assertThat(store.openSeats(user, NOW, 3)).as("counted up to the limit").isEqualTo(3);

    assertThat(store.redeemToken("seat-token-1", NOW)).isPresent();
    assertThat(store.openSeats(user, NOW, 10)).as("a used token's seat is its connection's").isEqualTo(3);
    store.disconnect(second.connectionId());
    assertThat(store.openSeats(user, NOW, 10)).isEqualTo(2);
    assertThat(store.openSeats(user, NOW.plusSeconds(61), 10)).as("the unused token expired").isEqualTo(1);
    assertThat(store.openSeats(user, first.expiresAt(), 10)).as("a connection at its longest life").isZero();
  }

  @Test
  void aTopicsListenersAreOneQueryWhateverTheNumberOfConnections() {
    String ticket = "t-" + UUID.randomUUID();
    for (int i = 0; i < 300; i++) {
      assertThat(store.subscribe(open("user-" + i, false), Topic.ticket(ticket))).isTrue();
    }
    Connection admin = open("admin-1", true);
    store.subscribe(admin, Topic.ticket(ticket));
    store.subscribe(admin, Topic.ticket(ticket));

    recorder.reset();
    List<Connection> listeners = store.subscribers(Topic.ticket(ticket));

    assertThat(listeners).hasSize(301).contains(admin);
    assertThat(recorder.operations()).containsOnly("Query").hasSizeLessThanOrEqualTo(2);
  }

  @Test
  void aDisconnectedConnectionLeavesNothingAndCannotSubscribeAgain() {
    String ticket = "t-" + UUID.randomUUID();
    Connection leaving = open("user-1", false);
    Connection staying = open("user-2", false);
    store.subscribe(leaving, Topic.ticket(ticket));
    store.subscribe(staying, Topic.ticket(ticket));
    Connection admin = open("admin-1", true);
    store.subscribe(admin, Topic.inbox());
    store.subscribe(admin, Topic.ticket(ticket));

    store.disconnect(leaving.connectionId());
    store.disconnect(admin.connectionId());
    store.disconnect(admin.connectionId());

    assertThat(store.subscribers(Topic.ticket(ticket))).containsExactly(staying);
    assertThat(store.subscribers(Topic.inbox())).doesNotContain(admin);
    assertThat(store.connection(leaving.connectionId())).isEmpty();
    assertThat(store.subscribe(leaving, Topic.ticket(ticket))).isFalse();
    assertThat(store.subscribers(Topic.ticket(ticket))).containsExactly(staying);
  }

  @Test
  void unsubscribingStopsOneTopicOnly() {
    String ticket = "t-" + UUID.randomUUID();
    Connection admin = open("admin-2", true);
    store.subscribe(admin, Topic.ticket(ticket));
    store.subscribe(admin, Topic.inbox());

    store.unsubscribe(admin.connectionId(), Topic.ticket(ticket));

    assertThat(store.subscribers(Topic.ticket(ticket))).isEmpty();
    assertThat(store.subscribers(Topic.inbox())).contains(admin);
    assertThat(store.connection(admin.connectionId())).contains(admin);
  }
}
