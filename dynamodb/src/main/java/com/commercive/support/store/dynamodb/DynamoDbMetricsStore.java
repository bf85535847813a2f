package com.commercive.support.store.dynamodb;

import com.commercive.support.resources.SupportTables;
import com.commercive.support.store.MetricsStore;
import com.commercive.support.util.Backoff;
import com.commercive.support.util.Retry;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The metrics table: {@code day#<date>} items of counters (each an attribute added to), and
 * {@code evt#<change id>} markers. A change's counts and its marker are one transaction whose
 * marker is put only if absent, so a redelivered stream record (a retried batch) adds nothing.
 * Markers expire after two days, beyond the stream's 24 hours of retention.
 */
public final class DynamoDbMetricsStore implements MetricsStore {
  static final String KEY = SupportTables.METRIC_KEY;
  static final Duration MARKER_LIFETIME = Duration.ofDays(2);
  private static final Retry UNPROCESSED = Retry.upTo(8, Backoff.of(5, 200), "reading the metrics' days");

  private final DynamoDbClient dynamoDb;
  private final String table;
  private final Clock clock;

  public DynamoDbMetricsStore(DynamoDbClient dynamoDb, String table, Clock clock) {
    this.dynamoDb = dynamoDb;
    this.table = table;
    this.clock = clock;
  }

  static String dayKey(LocalDate day) {
    return "day#" + day;
  }

  @Override
  public boolean add(String changeId, LocalDate day, Map<String, Long> counts) {
    if (counts.isEmpty()) {
      return true;
    }
    Map<String, String> names = new HashMap<>();
    Map<String, AttributeValue> values = new HashMap<>();
    List<String> adds = new ArrayList<>();
    for (Map.Entry<String, Long> count : counts.entrySet()) {
      String alias = "c" + names.size();
      names.put("#" + alias, count.getKey());
      values.put(":" + alias, AttributeValue.fromN(Long.toString(count.getValue())));
      adds.add("#" + alias + " :" + alias);
    }
    long expires = clock.instant().plus(MARKER_LIFETIME).getEpochSecond();
    try {
      dynamoDb.transactWriteItems(r -> r.transactItems(
          TransactWriteItem.builder().put(Put.builder().tableName(table)
              .item(Map.of(KEY, AttributeValue.fromS("evt#" + changeId),
                  SupportTables.EXPIRES_AT, AttributeValue.fromN(Long.toString(expires))))
              .conditionExpression("attribute_not_exists(#key)").expressionAttributeNames(Map.of("#key", KEY))
              .build()).build(),
          TransactWriteItem.builder().update(Update.builder().tableName(table)
              .key(Map.of(KEY, AttributeValue.fromS(dayKey(day))))
              .updateExpression("ADD " + String.join(", ", adds))
              .expressionAttributeNames(names).expressionAttributeValues(values).build()).build()));
      return true;
    } catch (TransactionCanceledException e) {
      if (Transactions.failedCondition(e, 0)) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public List<Map<String, Long>> days(LocalDate from, LocalDate to) {
    List<Map<String, AttributeValue>> keys = new ArrayList<>();
    for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
      keys.add(Map.of(KEY, AttributeValue.fromS(dayKey(day))));
    }
    List<Map<String, Long>> days = new ArrayList<>();
    // BatchGetItem takes 100 keys a call: a range of at most 92 days is one call.
    for (int start = 0; start < keys.size(); start += 100) {
      List<Map<String, AttributeValue>> batch = keys.subList(start, Math.min(keys.size(), start + 100));
      UNPROCESSED.drain(Map.of(table, KeysAndAttributes.builder().keys(batch).build()), pending -> {
        BatchGetItemResponse response = dynamoDb.batchGetItem(r -> r.requestItems(pending));
        for (Map<String, AttributeValue> item : response.responses().getOrDefault(table, List.of())) {
          Map<String, Long> counters = new HashMap<>();
          item.forEach((name, value) -> {
            if (!name.equals(KEY) && value.n() != null) {
              counters.put(name, Long.parseLong(value.n()));
            }
          });
          days.add(counters);
        }
        return response.unprocessedKeys();
      });
    }
    return days;
  }
}
