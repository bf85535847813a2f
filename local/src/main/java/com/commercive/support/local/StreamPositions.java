package com.commercive.support.local;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Where each local stream mapping (a function reading one shard of a table's stream) has got to:
 * the sequence number of the last record it finished with, kept in a small table of DynamoDB Local
 * itself, so that a restart resumes after it instead of reading every stream again from its oldest
 * record. On AWS, Lambda's event source mapping keeps this position; the table exists only locally.
 *
 * <p>A table rather than a file: it lives and dies with the streams it describes. With
 * {@code DYNAMODB_DATA_DIR} both are in DynamoDB Local's one file and are written by the same
 * single writer, so a position can never outlive its stream or belong to another copy of the data;
 * in memory both are gone at exit, and a fresh start reads the fresh streams from their start.
 */
final class StreamPositions {
  static final String TABLE = "commercive_local_stream_positions";
  private static final String KEY = "mapping";
  private static final String SEQUENCE_NUMBER = "sequence_number";

  private final DynamoDbClient dynamoDb;

  private StreamPositions(DynamoDbClient dynamoDb) {
    this.dynamoDb = dynamoDb;
  }

  /** The positions, their table created unless it is already there (a restart on kept data). */
  static StreamPositions open(DynamoDbClient dynamoDb) {
    try {
      dynamoDb.createTable(r -> r.tableName(TABLE).billingMode(BillingMode.PAY_PER_REQUEST)
          .attributeDefinitions(a -> a.attributeName(KEY).attributeType(ScalarAttributeType.S))
          .keySchema(k -> k.attributeName(KEY).keyType(KeyType.HASH)));
    } catch (ResourceInUseException alreadyThere) {
      // Kept from an earlier run: its positions are what a restart resumes from.
    }
    return new StreamPositions(dynamoDb);
  }

  /** The sequence number {@code function} last finished with in {@code shard} of {@code streamArn}, if any. */
  Optional<String> find(String function, String streamArn, String shard) {
    Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(TABLE).consistentRead(true)
        .key(Map.of(KEY, AttributeValue.fromS(key(function, streamArn, shard))))).item();
    return item == null || !item.containsKey(SEQUENCE_NUMBER) ? Optional.empty()
        : Optional.of(item.get(SEQUENCE_NUMBER).s());
  }

  void save(String function, String streamArn, String shard, String sequenceNumber) {
    dynamoDb.putItem(r -> r.tableName(TABLE).item(Map.of(
        KEY, AttributeValue.fromS(key(function, streamArn, shard)),
        SEQUENCE_NUMBER, AttributeValue.fromS(sequenceNumber),
        "saved_at", AttributeValue.fromS(Instant.now().toString()))));
  }

  private static String key(String function, String streamArn, String shard) {
    return function + " " + streamArn + " " + shard;
  }
}
