package com.commercive.support.store.dynamodb;

import com.commercive.support.store.RateLimitStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Fixed-window counters in the idempotency table (which has the TTL): one conditional UpdateItem
 * per use. DynamoDB applies a conditional write atomically, so the limit holds across concurrent
 * Lambdas. (DynamoDB Local does not serialise concurrent conditional writes to one item, so this
 * is not provable against it; see docs/reliability.md.)
 */
public final class DynamoDbRateLimitStore implements RateLimitStore {
  private final DynamoDbClient dynamoDb;
  private final String table;

  public DynamoDbRateLimitStore(DynamoDbClient dynamoDb, String table) {
    this.dynamoDb = dynamoDb;
    this.table = table;
  }

  @Override
  public Optional<Duration> tryAcquire(String key, int limit, Duration window, Instant now) {
    long windowStart = now.getEpochSecond() / window.getSeconds() * window.getSeconds();
    Instant windowEnd = Instant.ofEpochSecond(windowStart + window.getSeconds());
    try {
      dynamoDb.updateItem(r -> r.tableName(table)
          .key(Map.of(IdempotencyItems.KEY, AttributeValue.fromS("rate#" + key + "#" + windowStart)))
          .updateExpression("ADD #count :one SET #expires = if_not_exists(#expires, :expires)")
          .conditionExpression("attribute_not_exists(#count) OR #count < :limit")
          .expressionAttributeNames(Map.of("#count", "uses", "#expires", IdempotencyItems.EXPIRES_AT))
          .expressionAttributeValues(Map.of(
              ":one", AttributeValue.fromN("1"),
              ":limit", AttributeValue.fromN(Integer.toString(limit)),
              ":expires", AttributeValue.fromN(Long.toString(windowEnd.getEpochSecond() + 3600)))));
      return Optional.empty();
    } catch (ConditionalCheckFailedException limited) {
      return Optional.of(Duration.between(now, windowEnd));
    }
  }
}
