package com.commercive.support.store.dynamodb;

import com.commercive.support.store.RateLimitStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Fixed-window counters in the idempotency table (which has the TTL). Each use is a conditional
 * increment in a one-item transaction: serialised against concurrent uses everywhere, DynamoDB
 * Local included (whose plain conditional updates are not), so the limit holds across concurrent
 * Lambdas. Colliding transactions are retried.
 */
public final class DynamoDbRateLimitStore implements RateLimitStore {
  static final int MAX_ATTEMPTS = 10;
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
    Update increment = Update.builder().tableName(table)
        .key(Map.of(IdempotencyItems.KEY, AttributeValue.fromS("rate#" + key + "#" + windowStart)))
        .updateExpression("ADD #count :one SET #expires = if_not_exists(#expires, :expires)")
        .conditionExpression("attribute_not_exists(#count) OR #count < :limit")
        .expressionAttributeNames(Map.of("#count", "uses", "#expires", IdempotencyItems.EXPIRES_AT))
        .expressionAttributeValues(Map.of(
            ":one", AttributeValue.fromN("1"),
            ":limit", AttributeValue.fromN(Integer.toString(limit)),
            ":expires", AttributeValue.fromN(Long.toString(windowEnd.getEpochSecond() + 3600))))
        .build();
    for (int attempt = 1; ; attempt++) {
      try {
        dynamoDb.transactWriteItems(r -> r.transactItems(TransactWriteItem.builder().update(increment).build()));
        return Optional.empty();
      } catch (TransactionCanceledException cancelled) {
        if (reason(cancelled, "ConditionalCheckFailed")) {
          return Optional.of(Duration.between(now, windowEnd));
        }
        if (!reason(cancelled, "TransactionConflict") || attempt >= MAX_ATTEMPTS) {
          throw cancelled;
        }
        backoff(attempt);
      }
    }
  }

  private static boolean reason(TransactionCanceledException e, String code) {
    return e.hasCancellationReasons()
        && e.cancellationReasons().stream().map(CancellationReason::code).anyMatch(code::equals);
  }

  private static void backoff(int attempt) {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(1, Math.min(200, 5L << attempt) + 1));
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while counting a use", interrupted);
    }
  }
}
