package com.commercive.support.store.dynamodb;

import com.commercive.support.store.AddressBook;
import com.commercive.support.util.Hashes;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The address book in the idempotency table, in the {@code address} key space: one item per
 * address, keyed by the SHA-256 of the address in lower case (the address itself is never stored
 * here; Commercive's users table holds it), naming the user last emailed there. An entry not
 * refreshed by an email for {@link #KEPT_FOR} expires by the table's TTL.
 */
public final class DynamoDbAddressBook implements AddressBook {
  /** A year and a bit: an address nobody was emailed at in that long is forgotten. */
  static final Duration KEPT_FOR = Duration.ofDays(400);
  static final String USER_ID = "user_id";

  private final DynamoDbClient dynamoDb;
  private final String table;
  private final Clock clock;

  public DynamoDbAddressBook(DynamoDbClient dynamoDb, String table, Clock clock) {
    this.dynamoDb = dynamoDb;
    this.table = table;
    this.clock = clock;
  }

  @Override
  public void remember(String address, String userId) {
    dynamoDb.putItem(r -> r.tableName(table).item(Map.of(
        ClaimItems.KEY, key(address),
        USER_ID, AttributeValue.fromS(userId),
        ClaimItems.EXPIRES_AT, AttributeValue.fromN(Long.toString(clock.instant().plus(KEPT_FOR).getEpochSecond())))));
  }

  @Override
  public Optional<String> userAt(String address) {
    Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(table)
        .key(Map.of(ClaimItems.KEY, key(address))).consistentRead(true)).item();
    if (item == null || !item.containsKey(USER_ID)) {
      return Optional.empty();
    }
    // DynamoDB deletes an expired item only some time after it expires.
    AttributeValue expires = item.get(ClaimItems.EXPIRES_AT);
    if (expires != null && Long.parseLong(expires.n()) <= clock.instant().getEpochSecond()) {
      return Optional.empty();
    }
    return Optional.of(item.get(USER_ID).s());
  }

  private static AttributeValue key(String address) {
    return AttributeValue.fromS(ClaimItems.key("address", Hashes.sha256(address.strip().toLowerCase(Locale.ROOT))));
  }
}
