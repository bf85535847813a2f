package com.commercive.support.store.dynamodb;

import com.commercive.support.domain.User;
import com.commercive.support.store.UserDirectory;
import com.commercive.support.util.Backoff;
import com.commercive.support.util.Retry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * Users read with BatchGetItem: one request per 100 distinct users, plus retries of the keys
 * DynamoDB leaves unprocessed under load.
 */
public final class DynamoDbUserDirectory implements UserDirectory {
  static final int BATCH_SIZE = 100;
  static final int MAX_ATTEMPTS = 6;
  private static final Retry UNPROCESSED = Retry.upTo(MAX_ATTEMPTS, Backoff.of(10, 500), "a users read");

  private final DynamoDbClient dynamoDb;
  private final String usersTable;

  public DynamoDbUserDirectory(DynamoDbClient dynamoDb, String usersTable) {
    this.dynamoDb = dynamoDb;
    this.usersTable = usersTable;
  }

  @Override
  public Map<String, User> findAll(Collection<String> userIds) {
    List<String> ids = new ArrayList<>(new LinkedHashSet<>(userIds));
    Map<String, User> found = new HashMap<>();
    for (int from = 0; from < ids.size(); from += BATCH_SIZE) {
      List<Map<String, AttributeValue>> keys = new ArrayList<>();
      for (String id : ids.subList(from, Math.min(ids.size(), from + BATCH_SIZE))) {
        keys.add(Map.of(UserItems.USER_ID, AttributeValue.fromS(id)));
      }
      fetch(keys, found);
    }
    return found;
  }

  private void fetch(List<Map<String, AttributeValue>> keys, Map<String, User> found) {
    Map<String, KeysAndAttributes> request =
        Map.of(
            usersTable,
            KeysAndAttributes.builder()
                .keys(keys)
                .projectionExpression("#id, #name, #email, #role")
                .expressionAttributeNames(
                    Map.of(
                        "#id", UserItems.USER_ID,
                        "#name", UserItems.NAME,
                        "#email", UserItems.EMAIL,
                        "#role", UserItems.ROLE))
                .build());
    UNPROCESSED.drain(request, pending -> {
      BatchGetItemResponse response = dynamoDb.batchGetItem(r -> r.requestItems(pending));
      for (Map<String, AttributeValue> item : response.responses().getOrDefault(usersTable, List.of())) {
        User user = UserItems.fromItem(item);
        found.put(user.userId(), user);
      }
      return response.unprocessedKeys();
    });
  }
}
