package com.commercive.support.store.dynamodb;

import com.commercive.support.domain.Attachment;
import com.commercive.support.store.AttachmentStore;
import com.commercive.support.util.Backoff;
import com.commercive.support.util.Retry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/** Attachments' records, one item each; a message's write attaches them (see {@link AttachmentItems#attachWrites}). */
public final class DynamoDbAttachmentStore implements AttachmentStore {
  // At most ten keys: one call, more only for the keys DynamoDB leaves unprocessed under load.
  private static final Retry UNPROCESSED = Retry.upTo(8, Backoff.of(5, 200), "reading attachments");
  private final DynamoDbClient dynamoDb;
  private final String table;

  public DynamoDbAttachmentStore(DynamoDbClient dynamoDb, String table) {
    this.dynamoDb = dynamoDb;
    this.table = table;
  }

  @Override
  public void create(Attachment attachment) {
    dynamoDb.putItem(r -> r.tableName(table).item(AttachmentItems.toItem(attachment))
        .conditionExpression("attribute_not_exists(" + AttachmentItems.ATTACHMENT_ID + ")"));
  }

  @Override
  public Optional<Attachment> find(String attachmentId) {
    Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(table)
        .key(AttachmentItems.key(attachmentId)).consistentRead(true)).item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(AttachmentItems.fromItem(item));
  }

  @Override
  public List<Attachment> findAll(Collection<String> attachmentIds) {
    List<Attachment> found = new ArrayList<>();
    if (attachmentIds.isEmpty()) {
      return found;
    }
    List<Map<String, AttributeValue>> keys = new LinkedHashSet<>(attachmentIds).stream()
        .map(AttachmentItems::key).toList();
    UNPROCESSED.drain(Map.of(table, KeysAndAttributes.builder().keys(keys).consistentRead(true).build()),
        request -> {
          BatchGetItemResponse response = dynamoDb.batchGetItem(r -> r.requestItems(request));
          response.responses().getOrDefault(table, List.of()).forEach(item -> found.add(AttachmentItems.fromItem(item)));
          return response.unprocessedKeys();
        });
    return found;
  }

  @Override
  public boolean recordCheck(Attachment checked) {
    Map<String, String> names = new HashMap<>(Map.of("#status", AttachmentItems.STATUS, "#size", AttachmentItems.SIZE));
    Map<String, AttributeValue> values = new HashMap<>(Map.of(
        ":status", AttributeValue.fromS(checked.status().wireName()),
        ":size", AttributeValue.fromN(Long.toString(checked.size())),
        ":uploading", AttributeValue.fromS(Attachment.Status.UPLOADING.wireName())));
    String update = "SET #status = :status, #size = :size";
    if (checked.rejection() != null) {
      update += ", #reason = :reason";
      names.put("#reason", AttachmentItems.REJECTION_REASON);
      values.put(":reason", AttributeValue.fromS(checked.rejection().wireName()));
    }
    String expression = update;
    try {
      dynamoDb.updateItem(r -> r.tableName(table).key(AttachmentItems.key(checked.attachmentId()))
          .updateExpression(expression)
          .conditionExpression("#status = :uploading")
          .expressionAttributeNames(names).expressionAttributeValues(values));
      return true;
    } catch (ConditionalCheckFailedException alreadyChecked) {
      return false;
    }
  }
}
