package com.commercive.support.store.dynamodb;

import static com.commercive.support.store.dynamodb.IdempotencyItems.COMPLETED;
import static com.commercive.support.store.dynamodb.IdempotencyItems.EXPIRES_AT;
import static com.commercive.support.store.dynamodb.IdempotencyItems.IN_PROGRESS;
import static com.commercive.support.store.dynamodb.IdempotencyItems.KEY;
import static com.commercive.support.store.dynamodb.IdempotencyItems.LOCKED_UNTIL;
import static com.commercive.support.store.dynamodb.IdempotencyItems.REQUEST_HASH;
import static com.commercive.support.store.dynamodb.IdempotencyItems.RESPONSE_BODY;
import static com.commercive.support.store.dynamodb.IdempotencyItems.RESPONSE_LOCATION;
import static com.commercive.support.store.dynamodb.IdempotencyItems.RESPONSE_STATUS;
import static com.commercive.support.store.dynamodb.IdempotencyItems.STATE;

import com.commercive.support.store.IdempotencyStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Idempotency records with conditional writes: a claim succeeds only when no live record holds
 * the key (none, expired but not yet removed by TTL, or an in-progress lock that ran out).
 */
public final class DynamoDbIdempotencyStore implements IdempotencyStore {
  private static final int MAX_CLAIM_ATTEMPTS = 3;

  private final DynamoDbClient dynamoDb;
  private final String table;

  public DynamoDbIdempotencyStore(DynamoDbClient dynamoDb, String table) {
    this.dynamoDb = dynamoDb;
    this.table = table;
  }

  @Override
  public Optional<IdempotencyRecord> claim(
      String key, String requestHash, Instant now, Instant lockedUntil, Instant expiresAt) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(KEY, AttributeValue.fromS(key));
    item.put(REQUEST_HASH, AttributeValue.fromS(requestHash));
    item.put(STATE, AttributeValue.fromS(IN_PROGRESS));
    item.put(LOCKED_UNTIL, number(lockedUntil.toEpochMilli()));
    item.put(EXPIRES_AT, number(expiresAt.getEpochSecond()));
    for (int attempt = 1; ; attempt++) {
      try {
        dynamoDb.putItem(
            r ->
                r.tableName(table)
                    .item(item)
                    .conditionExpression(
                        "attribute_not_exists(#key) OR #expires < :now_s"
                            + " OR (#state = :in_progress AND #locked < :now_ms)")
                    .expressionAttributeNames(
                        Map.of(
                            "#key", KEY,
                            "#expires", EXPIRES_AT,
                            "#state", STATE,
                            "#locked", LOCKED_UNTIL))
                    .expressionAttributeValues(
                        Map.of(
                            ":now_s", number(now.getEpochSecond()),
                            ":now_ms", number(now.toEpochMilli()),
                            ":in_progress", AttributeValue.fromS(IN_PROGRESS))));
        return Optional.empty();
      } catch (ConditionalCheckFailedException held) {
        Optional<IdempotencyRecord> holder = read(key);
        // The holder may have been released between our write and our read: try again.
        if (holder.isPresent() || attempt >= MAX_CLAIM_ATTEMPTS) {
          return holder;
        }
      }
    }
  }

  @Override
  public void complete(String key, String requestHash, StoredResponse response, Instant expiresAt) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(KEY, AttributeValue.fromS(key));
    item.put(REQUEST_HASH, AttributeValue.fromS(requestHash));
    item.put(STATE, AttributeValue.fromS(COMPLETED));
    item.put(RESPONSE_STATUS, number(response.status()));
    item.put(RESPONSE_BODY, AttributeValue.fromS(response.body()));
    if (response.location() != null) {
      item.put(RESPONSE_LOCATION, AttributeValue.fromS(response.location()));
    }
    item.put(LOCKED_UNTIL, number(0));
    item.put(EXPIRES_AT, number(expiresAt.getEpochSecond()));
    dynamoDb.putItem(r -> r.tableName(table).item(item));
  }

  @Override
  public void release(String key) {
    dynamoDb.deleteItem(r -> r.tableName(table).key(Map.of(KEY, AttributeValue.fromS(key))));
  }

  private Optional<IdempotencyRecord> read(String key) {
    Map<String, AttributeValue> item =
        dynamoDb
            .getItem(
                r -> r.tableName(table).key(Map.of(KEY, AttributeValue.fromS(key))).consistentRead(true))
            .item();
    if (item == null || item.isEmpty()) {
      return Optional.empty();
    }
    StoredResponse response = null;
    if (COMPLETED.equals(item.get(STATE).s())) {
      AttributeValue location = item.get(RESPONSE_LOCATION);
      response =
          new StoredResponse(
              Integer.parseInt(item.get(RESPONSE_STATUS).n()),
              location == null ? null : location.s(),
              item.get(RESPONSE_BODY).s());
    }
    return Optional.of(
        new IdempotencyRecord(
            key,
            item.get(REQUEST_HASH).s(),
            response,
            Instant.ofEpochMilli(Long.parseLong(item.get(LOCKED_UNTIL).n()))));
  }

  private static AttributeValue number(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }
}
