package com.commercive.support.store.dynamodb;

import com.commercive.support.domain.Caller;
import com.commercive.support.realtime.Connection;
import com.commercive.support.realtime.Topic;
import com.commercive.support.resources.SupportTables;
import com.commercive.support.store.RealtimeStore;
import com.commercive.support.util.Backoff;
import com.commercive.support.util.Retry;
import com.commercive.support.util.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Live updates' state in one table of item collections ({@code pk}, {@code sk}):
 * <ul>
 *   <li>{@code token#<digest>} / {@code token}: a single-use token, deleted when used;
 *   <li>{@code conn#<id>} / {@code conn}: an open connection, and {@code conn#<id>} /
 *       {@code topic#<topic>} for each topic it follows;
 *   <li>{@code topic#<topic>} / {@code <connection id>}: a listener of the topic, with who it is,
 *       so that a ticket's listeners are one query whatever the number of connections;
 *   <li>{@code user#<user id>} / {@code token#<digest>} or {@code conn#<id>}: the user's seat for
 *       each unused token and open connection, so that counting them is one query on the user.
 * </ul>
 * Every item expires ({@code expires_at}) when its connection must have closed.
 */
public final class DynamoDbRealtimeStore implements RealtimeStore {
  static final String PK = SupportTables.PK;
  static final String SK = SupportTables.SK;
  static final String USER_ID = "user_id";
  static final String ADMIN = "admin";
  static final String CONNECTED_AT = "connected_at";
  static final String EXPIRES_AT = SupportTables.EXPIRES_AT;
  private static final String CONNECTION = "conn";
  private static final Retry UNPROCESSED = Retry.upTo(8, Backoff.of(5, 200), "deleting a connection's items");

  private final DynamoDbClient dynamoDb;
  private final String table;

  public DynamoDbRealtimeStore(DynamoDbClient dynamoDb, String table) {
    this.dynamoDb = dynamoDb;
    this.table = table;
  }

  @Override
  public void saveToken(String tokenDigest, Caller caller, Instant expiresAt) {
    Map<String, AttributeValue> token = Map.of(PK, s("token#" + tokenDigest), SK, s("token"),
        USER_ID, s(caller.userId()), ADMIN, AttributeValue.fromBool(caller.admin()), EXPIRES_AT, epoch(expiresAt));
    dynamoDb.transactWriteItems(r -> r.transactItems(put(token),
        put(seat(caller.userId(), "token#" + tokenDigest, expiresAt))));
  }

  @Override
  public Optional<Caller> redeemToken(String tokenDigest, Instant now) {
    try {
      // Deleting it is using it: of two connections racing with one token, one gets it.
      Map<String, AttributeValue> token = dynamoDb.deleteItem(r -> r.tableName(table)
          .key(Map.of(PK, s("token#" + tokenDigest), SK, s("token")))
          .conditionExpression("attribute_exists(#pk) AND #expires > :now")
          .expressionAttributeNames(Map.of("#pk", PK, "#expires", EXPIRES_AT))
          .expressionAttributeValues(Map.of(":now", epoch(now)))
          .returnValues(ReturnValue.ALL_OLD)).attributes();
      String userId = token.get(USER_ID).s();
      dynamoDb.deleteItem(r -> r.tableName(table).key(seatKey(userId, "token#" + tokenDigest)));
      return Optional.of(new Caller(userId, Boolean.TRUE.equals(token.get(ADMIN).bool())));
    } catch (ConditionalCheckFailedException unknownExpiredOrUsed) {
      return Optional.empty();
    }
  }

  @Override
  public void connect(Connection connection) {
    Map<String, AttributeValue> item = new HashMap<>(who(connection));
    item.put(PK, s(CONNECTION + "#" + connection.connectionId()));
    item.put(SK, s(CONNECTION));
    dynamoDb.transactWriteItems(r -> r.transactItems(put(item),
        put(seat(connection.userId(), CONNECTION + "#" + connection.connectionId(), connection.expiresAt()))));
  }

  @Override
  public int openSeats(String userId, Instant now, int atMost) {
    int open = 0;
    // Expired seats may linger until DynamoDB's expiry deletes them: the filter leaves them out.
    for (var page : dynamoDb.queryPaginator(r -> r.tableName(table).keyConditionExpression("#pk = :user")
        .filterExpression("#expires > :now").select(Select.COUNT)
        .expressionAttributeNames(Map.of("#pk", PK, "#expires", EXPIRES_AT))
        .expressionAttributeValues(Map.of(":user", s("user#" + userId), ":now", epoch(now))))) {
      open += page.count();
      if (open >= atMost) {
        return atMost;
      }
    }
    return open;
  }

  @Override
  public Optional<Connection> connection(String connectionId) {
    Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(table)
        .key(Map.of(PK, s(CONNECTION + "#" + connectionId), SK, s(CONNECTION))).consistentRead(true)).item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(connection(connectionId, item));
  }

  @Override
  public boolean subscribe(Connection connection, Topic topic) {
    String id = connection.connectionId();
    Map<String, AttributeValue> listener = new HashMap<>(who(connection));
    listener.put(PK, s("topic#" + topic.key()));
    listener.put(SK, s(id));
    Map<String, AttributeValue> mirror = new HashMap<>();
    mirror.put(PK, s(CONNECTION + "#" + id));
    mirror.put(SK, s("topic#" + topic.key()));
    mirror.put(EXPIRES_AT, epoch(connection.expiresAt()));
    try {
      dynamoDb.transactWriteItems(r -> r.transactItems(
          TransactWriteItem.builder().conditionCheck(c -> c.tableName(table)
              .key(Map.of(PK, s(CONNECTION + "#" + id), SK, s(CONNECTION)))
              .conditionExpression("attribute_exists(#pk)").expressionAttributeNames(Map.of("#pk", PK))).build(),
          put(listener), put(mirror)));
      return true;
    } catch (TransactionCanceledException e) {
      if (Transactions.failedCondition(e, 0)) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public void unsubscribe(String connectionId, Topic topic) {
    delete(List.of(
        Map.of(PK, s("topic#" + topic.key()), SK, s(connectionId)),
        Map.of(PK, s(CONNECTION + "#" + connectionId), SK, s("topic#" + topic.key()))));
  }

  @Override
  public List<Connection> subscribers(Topic topic) {
    List<Connection> found = new ArrayList<>();
    dynamoDb.queryPaginator(r -> r.tableName(table).keyConditionExpression("#pk = :topic")
            .expressionAttributeNames(Map.of("#pk", PK))
            .expressionAttributeValues(Map.of(":topic", s("topic#" + topic.key()))))
        .items().forEach(item -> found.add(connection(item.get(SK).s(), item)));
    return found;
  }

  @Override
  public void disconnect(String connectionId) {
    List<Map<String, AttributeValue>> keys = new ArrayList<>();
    dynamoDb.queryPaginator(r -> r.tableName(table).keyConditionExpression("#pk = :connection")
            .expressionAttributeNames(Map.of("#pk", PK))
            .expressionAttributeValues(Map.of(":connection", s(CONNECTION + "#" + connectionId))))
        .items().forEach(item -> {
          keys.add(Map.of(PK, item.get(PK), SK, item.get(SK)));
          String sk = item.get(SK).s();
          if (sk.startsWith("topic#")) {
            keys.add(Map.of(PK, s(sk), SK, s(connectionId)));
          } else if (sk.equals(CONNECTION)) {
            keys.add(seatKey(item.get(USER_ID).s(), CONNECTION + "#" + connectionId));
          }
        });
    delete(keys);
  }

  /** Deletes the items, 25 to a batch, retrying what DynamoDB leaves unprocessed. */
  private void delete(List<Map<String, AttributeValue>> keys) {
    for (int from = 0; from < keys.size(); from += 25) {
      List<WriteRequest> batch = keys.subList(from, Math.min(keys.size(), from + 25)).stream()
          .map(key -> WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(key).build()).build()).toList();
      UNPROCESSED.drain(Map.of(table, batch),
          request -> dynamoDb.batchWriteItem(r -> r.requestItems(request)).unprocessedItems());
    }
  }

  private static Map<String, AttributeValue> seatKey(String userId, String what) {
    return Map.of(PK, s("user#" + userId), SK, s(what));
  }

  private static Map<String, AttributeValue> seat(String userId, String what, Instant expiresAt) {
    Map<String, AttributeValue> seat = new HashMap<>(seatKey(userId, what));
    seat.put(EXPIRES_AT, epoch(expiresAt));
    return seat;
  }

  private TransactWriteItem put(Map<String, AttributeValue> item) {
    return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item).build()).build();
  }

  private static Map<String, AttributeValue> who(Connection connection) {
    return Map.of(USER_ID, s(connection.userId()), ADMIN, AttributeValue.fromBool(connection.admin()),
        CONNECTED_AT, s(Timestamps.format(connection.connectedAt())), EXPIRES_AT, epoch(connection.expiresAt()));
  }

  private static Connection connection(String connectionId, Map<String, AttributeValue> item) {
    return new Connection(connectionId, item.get(USER_ID).s(), Boolean.TRUE.equals(item.get(ADMIN).bool()),
        Timestamps.parse(item.get(CONNECTED_AT).s()));
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  private static AttributeValue epoch(Instant at) {
    return AttributeValue.fromN(Long.toString(at.getEpochSecond()));
  }
}
