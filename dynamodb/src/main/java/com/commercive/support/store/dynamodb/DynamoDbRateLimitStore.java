package com.commercive.support.store.dynamodb;

import com.commercive.support.service.SlidingWindow;
import com.commercive.support.store.RateLimitStore;
import com.commercive.support.util.Backoff;
import com.commercive.support.util.Retry;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Sliding-window counters in the idempotency table (which has the TTL): one item per limited key
 * holding the current window's start and the uses of this window and the one before. A use is a
 * consistent read and one conditional write that succeeds only if the item is still what was read
 * (compare and set), retried when another use got there first; DynamoDB applies each conditional
 * write atomically, so the limit holds across every concurrent Lambda.
 */
public final class DynamoDbRateLimitStore implements RateLimitStore {
  static final String WINDOW_START = "window_start";
  static final String CURRENT_USES = "current_uses";
  static final String PREVIOUS_USES = "previous_uses";
  static final int MAX_ATTEMPTS = 25;
  private static final Retry COUNTS = Retry.upTo(MAX_ATTEMPTS, Backoff.of(2, 50), "a rate count");
  private final DynamoDbClient dynamoDb;
  private final String table;

  public DynamoDbRateLimitStore(DynamoDbClient dynamoDb, String table) {
    this.dynamoDb = dynamoDb;
    this.table = table;
  }

  @Override
  public Optional<Duration> tryAcquire(String key, int limit, Duration window, Instant now) {
    Map<String, AttributeValue> itemKey = Map.of(ClaimItems.KEY, AttributeValue.fromS(ClaimItems.key("rate", key)));
    return COUNTS.run(() -> {
      Map<String, AttributeValue> item =
          dynamoDb.getItem(r -> r.tableName(table).key(itemKey).consistentRead(true)).item();
      boolean exists = item != null && !item.isEmpty();
      Instant storedStart = exists ? Instant.ofEpochSecond(number(item, WINDOW_START)) : null;
      long storedCurrent = exists ? number(item, CURRENT_USES) : 0;
      SlidingWindow counts = SlidingWindow.at(now, window, storedStart, storedCurrent,
          exists ? number(item, PREVIOUS_USES) : 0);
      Optional<Duration> wait = counts.waitBeforeOneMore(limit, now);
      if (wait.isPresent()) {
        return Retry.done(wait);
      }
      Map<String, String> names = Map.of("#start", WINDOW_START, "#current", CURRENT_USES,
          "#previous", PREVIOUS_USES, "#expires", ClaimItems.EXPIRES_AT);
      Map<String, AttributeValue> values = new HashMap<>();
      values.put(":start", n(counts.start().getEpochSecond()));
      values.put(":current", n(counts.current() + 1));
      values.put(":previous", n(counts.previous()));
      values.put(":expires", n(counts.start().plus(window).plus(window).getEpochSecond()));
      String condition;
      if (exists) {
        condition = "#start = :read_start AND #current = :read_current";
        values.put(":read_start", n(storedStart.getEpochSecond()));
        values.put(":read_current", n(storedCurrent));
      } else {
        condition = "attribute_not_exists(" + ClaimItems.KEY + ")";
      }
      try {
        dynamoDb.updateItem(r -> r.tableName(table).key(itemKey)
            .updateExpression("SET #start = :start, #current = :current, #previous = :previous, #expires = :expires")
            .conditionExpression(condition)
            .expressionAttributeNames(names)
            .expressionAttributeValues(values));
        return Retry.done(Optional.<Duration>empty());
      } catch (ConditionalCheckFailedException anotherUseFirst) {
        return Retry.again(anotherUseFirst);
      }
    });
  }

  private static long number(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
  }

  private static AttributeValue n(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }
}
