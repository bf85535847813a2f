package com.commercive.support.store.dynamodb;

import com.commercive.support.domain.CannedResponse;
import com.commercive.support.domain.ConflictException;
import com.commercive.support.domain.NotFoundException;
import com.commercive.support.resources.SupportTables;
import com.commercive.support.store.CannedResponseStore;
import com.commercive.support.util.Timestamps;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Canned responses, one item each, and one item per shortcut in use ({@code shortcut#<shortcut>})
 * written in the same transaction on the condition that it does not exist yet: that is what keeps
 * shortcuts unique under concurrent saves. The team's list is small (a help desk has tens to
 * hundreds), so listing is a scan of the table.
 */
public final class DynamoDbCannedResponseStore implements CannedResponseStore {
  static final String ID = SupportTables.CANNED_RESPONSE_ID;
  static final String TITLE = "title";
  static final String BODY = "body";
  static final String SHORTCUT = "shortcut";
  static final String CREATED_AT = "created_at";
  static final String UPDATED_AT = "updated_at";
  private static final String SHORTCUT_KEY_PREFIX = "shortcut#";

  private final DynamoDbClient dynamoDb;
  private final String table;

  public DynamoDbCannedResponseStore(DynamoDbClient dynamoDb, String table) {
    this.dynamoDb = dynamoDb;
    this.table = table;
  }

  @Override
  public void create(CannedResponse response) {
    List<TransactWriteItem> writes = new ArrayList<>();
    writes.add(put(item(response), "attribute_not_exists(" + ID + ")"));
    if (response.shortcut() != null) {
      writes.add(reserve(response));
    }
    write(writes, response.shortcut());
  }

  @Override
  public void replace(CannedResponse previous, CannedResponse next) {
    List<TransactWriteItem> writes = new ArrayList<>();
    writes.add(put(item(next), "attribute_exists(" + ID + ")"));
    if (!Objects.equals(previous.shortcut(), next.shortcut())) {
      if (next.shortcut() != null) {
        writes.add(reserve(next));
      }
      if (previous.shortcut() != null) {
        writes.add(release(previous.shortcut()));
      }
    }
    write(writes, next.shortcut());
  }

  @Override
  public void delete(CannedResponse response) {
    List<TransactWriteItem> writes = new ArrayList<>();
    writes.add(TransactWriteItem.builder().delete(Delete.builder().tableName(table)
        .key(Map.of(ID, s(response.cannedResponseId()))).build()).build());
    if (response.shortcut() != null) {
      writes.add(release(response.shortcut()));
    }
    dynamoDb.transactWriteItems(r -> r.transactItems(writes));
  }

  @Override
  public Optional<CannedResponse> find(String cannedResponseId) {
    Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(table)
        .key(Map.of(ID, s(cannedResponseId))).consistentRead(true)).item();
    return item == null || item.isEmpty() || !item.containsKey(TITLE) ? Optional.empty() : Optional.of(response(item));
  }

  @Override
  public List<CannedResponse> list() {
    List<CannedResponse> all = new ArrayList<>();
    dynamoDb.scanPaginator(r -> r.tableName(table).consistentRead(true)
            .filterExpression("attribute_exists(#title)").expressionAttributeNames(Map.of("#title", TITLE)))
        .items().forEach(item -> all.add(response(item)));
    all.sort(Comparator.comparing(CannedResponse::title).thenComparing(CannedResponse::cannedResponseId));
    return all;
  }

  private void write(List<TransactWriteItem> writes, String shortcut) {
    try {
      dynamoDb.transactWriteItems(r -> r.transactItems(writes));
    } catch (TransactionCanceledException e) {
      if (Transactions.failedCondition(e, 0)) {
        throw new NotFoundException("canned response not found");
      }
      if (Transactions.failedCondition(e, 1)) {
        throw new ConflictException("the shortcut " + shortcut + " is taken by another canned response");
      }
      throw e;
    }
  }

  private TransactWriteItem put(Map<String, AttributeValue> item, String condition) {
    return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
        .conditionExpression(condition).build()).build();
  }

  private TransactWriteItem reserve(CannedResponse response) {
    return put(Map.of(ID, s(SHORTCUT_KEY_PREFIX + response.shortcut()), "owner_id", s(response.cannedResponseId())),
        "attribute_not_exists(" + ID + ")");
  }

  private TransactWriteItem release(String shortcut) {
    return TransactWriteItem.builder().delete(Delete.builder().tableName(table)
        .key(Map.of(ID, s(SHORTCUT_KEY_PREFIX + shortcut))).build()).build();
  }

  private static Map<String, AttributeValue> item(CannedResponse response) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(ID, s(response.cannedResponseId()));
    item.put(TITLE, s(response.title()));
    item.put(BODY, s(response.body()));
    if (response.shortcut() != null) {
      item.put(SHORTCUT, s(response.shortcut()));
    }
    item.put(CREATED_AT, s(Timestamps.format(response.createdAt())));
    item.put(UPDATED_AT, s(Timestamps.format(response.updatedAt())));
    return item;
  }

  private static CannedResponse response(Map<String, AttributeValue> item) {
    AttributeValue shortcut = item.get(SHORTCUT);
    return new CannedResponse(item.get(ID).s(), item.get(TITLE).s(), item.get(BODY).s(),
        shortcut == null ? null : shortcut.s(), Timestamps.parse(item.get(CREATED_AT).s()),
        Timestamps.parse(item.get(UPDATED_AT).s()));
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }
}
