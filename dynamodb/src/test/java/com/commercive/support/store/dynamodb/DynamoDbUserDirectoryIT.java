package com.commercive.support.store.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.commercive.support.domain.User;
import com.commercive.support.resources.TableNames;
import com.commercive.support.standins.DynamoDbLocalServer;
import com.commercive.support.testing.DynamoDbCallRecorder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

class DynamoDbUserDirectoryIT {
  static final DynamoDbCallRecorder recorder = new DynamoDbCallRecorder();
  static DynamoDbClient client;
  static TableNames tables;

  @BeforeAll
  static void seed() {
    client = DynamoDbLocalServer.client(recorder);
    tables = DynamoDbLocalServer.createTables(client);
    for (int i = 0; i < 250; i++) {
      User user = new User("u" + i, "Name " + i, "u" + i + "@example.com", i == 0 ? "admin" : "user");
      client.putItem(r -> r.tableName(tables.users()).item(UserItems.toItem(user)));
    }
  }

  @AfterAll
  static void close() {
    client.close();
  }

  static List<String> ids(int count) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add("u" + i);
    }
    return ids;
  }

  @Test
  void readsEveryKnownUserInOneBatchPerHundred() {
    DynamoDbUserDirectory directory = new DynamoDbUserDirectory(client, tables.users());
    recorder.reset();
    List<String> wanted = new ArrayList<>(ids(50));
    wanted.add("nobody");
    wanted.add("u1");
    Map<String, User> found = directory.findAll(wanted);
    assertThat(recorder.operations()).containsExactly("BatchGetItem");
    assertThat(found).hasSize(50).doesNotContainKey("nobody");
    assertThat(found.get("u0")).isEqualTo(new User("u0", "Name 0", "u0@example.com", "admin"));

    recorder.reset();
    assertThat(directory.findAll(ids(200))).hasSize(200);
    assertThat(recorder.operations()).containsExactly("BatchGetItem", "BatchGetItem");
  }

  @Test
  void retriesTheKeysDynamoDbLeavesUnprocessed() {
    AtomicInteger calls = new AtomicInteger();
    DynamoDbClient throttled = new HalfProcessingClient(client, calls, 2);
    Map<String, User> found = new DynamoDbUserDirectory(throttled, tables.users()).findAll(ids(40));
    assertThat(found).hasSize(40);
    assertThat(calls.get()).isEqualTo(3);
  }

  @Test
  void failsRatherThanReturningAPartialAnswerWhenKeysStayUnprocessed() {
    DynamoDbClient throttled = new HalfProcessingClient(client, new AtomicInteger(), Integer.MAX_VALUE);
    assertThatThrownBy(() -> new DynamoDbUserDirectory(throttled, tables.users()).findAll(ids(40)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("unprocessed");
  }

  /**
   * DynamoDB under load: for its first {@code throttledCalls} calls, only half of the keys go to
   * the real table and the rest come back as UnprocessedKeys, as the service does.
   */
  static final class HalfProcessingClient implements DynamoDbClient {
    private final DynamoDbClient real;
    private final AtomicInteger calls;
    private final int throttledCalls;

    HalfProcessingClient(DynamoDbClient real, AtomicInteger calls, int throttledCalls) {
      this.real = real;
      this.calls = calls;
      this.throttledCalls = throttledCalls;
    }

    @Override
    public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
      if (calls.incrementAndGet() > throttledCalls) {
        return real.batchGetItem(request);
      }
      Map<String, KeysAndAttributes> processed = new HashMap<>();
      Map<String, KeysAndAttributes> unprocessed = new HashMap<>();
      request.requestItems().forEach((table, keys) -> {
        List<Map<String, AttributeValue>> all = keys.keys();
        int half = Math.max(1, all.size() / 2);
        processed.put(table, keys.toBuilder().keys(all.subList(0, half)).build());
        if (half < all.size()) {
          unprocessed.put(table, keys.toBuilder().keys(all.subList(half, all.size())).build());
        }
      });
      BatchGetItemResponse partial = real.batchGetItem(request.toBuilder().requestItems(processed).build());
      return partial.toBuilder().unprocessedKeys(unprocessed).build();
    }

    @Override
    public String serviceName() {
      return real.serviceName();
    }

    @Override
    public void close() {}
  }
}
