package com.commercive.support.store.dynamodb;

import static com.commercive.support.store.dynamodb.ClaimItems.COMPLETED;
import static com.commercive.support.store.dynamodb.ClaimItems.EXPIRES_AT;
import static com.commercive.support.store.dynamodb.ClaimItems.FINGERPRINT;
import static com.commercive.support.store.dynamodb.ClaimItems.IN_PROGRESS;
import static com.commercive.support.store.dynamodb.ClaimItems.KEY;
import static com.commercive.support.store.dynamodb.ClaimItems.LOCKED_UNTIL;
import static com.commercive.support.store.dynamodb.ClaimItems.RESULT_PREFIX;
import static com.commercive.support.store.dynamodb.ClaimItems.STATE;

import com.commercive.support.store.ClaimStore;
import com.commercive.support.util.Backoff;
import com.commercive.support.util.Retry;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Claims with conditional writes in the idempotency table: a claim succeeds only when no live
 * record holds the key (none, expired but not yet removed by TTL, or an in-progress lock that ran
 * out). A result's fields are kept as {@code result_<field>} string attributes.
 */
public final class DynamoDbClaimStore implements ClaimStore {
  // A holder released between our write and our read is rare; a few quick tries, then a clear error.
  private static final Retry CLAIMS = Retry.upTo(3, Backoff.of(1, 10), "a claim");

  private final DynamoDbClient dynamoDb;
  private final String table;

  public DynamoDbClaimStore(DynamoDbClient dynamoDb, String table) {
    this.dynamoDb = dynamoDb;
    this.table = table;
  }

  @Override
  public <R> Optional<Claim<R>> claim(
      Effect<R> effect, String id, String fingerprint, Instant now, Instant lockedUntil, Instant expiresAt) {
    String key = ClaimItems.key(effect.keySpace(), id);
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(KEY, AttributeValue.fromS(key));
    item.put(FINGERPRINT, AttributeValue.fromS(fingerprint));
    item.put(STATE, AttributeValue.fromS(IN_PROGRESS));
    item.put(LOCKED_UNTIL, number(lockedUntil.toEpochMilli()));
    item.put(EXPIRES_AT, number(expiresAt.getEpochSecond()));
    return CLAIMS.run(() -> {
      try {
        dynamoDb.putItem(r -> r.tableName(table).item(item)
            .conditionExpression("attribute_not_exists(#key) OR #expires < :now_s"
                + " OR (#state = :in_progress AND #locked < :now_ms)")
            .expressionAttributeNames(Map.of("#key", KEY, "#expires", EXPIRES_AT, "#state", STATE,
                "#locked", LOCKED_UNTIL))
            .expressionAttributeValues(Map.of(
                ":now_s", number(now.getEpochSecond()),
                ":now_ms", number(now.toEpochMilli()),
                ":in_progress", AttributeValue.fromS(IN_PROGRESS))));
        return Retry.done(Optional.<Claim<R>>empty());
      } catch (ConditionalCheckFailedException held) {
        Optional<Claim<R>> holder = read(effect, id);
        // The holder may have been released between our write and our read: try again.
        return holder.isPresent() ? Retry.done(holder) : Retry.<Optional<Claim<R>>>again();
      }
    });
  }

  @Override
  public <R> void complete(Effect<R> effect, String id, String fingerprint, R result, Instant expiresAt) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(KEY, AttributeValue.fromS(ClaimItems.key(effect.keySpace(), id)));
    item.put(FINGERPRINT, AttributeValue.fromS(fingerprint));
    item.put(STATE, AttributeValue.fromS(COMPLETED));
    effect.write().apply(result).forEach((field, value) -> {
      if (value != null) {
        item.put(RESULT_PREFIX + field, AttributeValue.fromS(value));
      }
    });
    item.put(LOCKED_UNTIL, number(0));
    item.put(EXPIRES_AT, number(expiresAt.getEpochSecond()));
    dynamoDb.putItem(r -> r.tableName(table).item(item));
  }

  @Override
  public void release(Effect<?> effect, String id) {
    dynamoDb.deleteItem(r -> r.tableName(table)
        .key(Map.of(KEY, AttributeValue.fromS(ClaimItems.key(effect.keySpace(), id)))));
  }

  private <R> Optional<Claim<R>> read(Effect<R> effect, String id) {
    Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(table)
        .key(Map.of(KEY, AttributeValue.fromS(ClaimItems.key(effect.keySpace(), id)))).consistentRead(true)).item();
    if (item == null || item.isEmpty()) {
      return Optional.empty();
    }
    Optional<R> result = Optional.empty();
    if (COMPLETED.equals(item.get(STATE).s())) {
      Map<String, String> fields = new HashMap<>();
      item.forEach((name, value) -> {
        if (name.startsWith(RESULT_PREFIX)) {
          fields.put(name.substring(RESULT_PREFIX.length()), value.s());
        }
      });
      result = Optional.of(effect.read().apply(fields));
    }
    return Optional.of(new Claim<>(id, item.get(FINGERPRINT).s(), result,
        Instant.ofEpochMilli(Long.parseLong(item.get(LOCKED_UNTIL).n()))));
  }

  private static AttributeValue number(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }
}
