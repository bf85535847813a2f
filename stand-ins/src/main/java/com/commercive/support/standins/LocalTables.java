package com.commercive.support.standins;

import com.commercive.support.resources.Catalogue;
import com.commercive.support.resources.SupportTables;
import com.commercive.support.resources.TableEntry;
import com.commercive.support.resources.TableNames;
import com.commercive.support.resources.TableSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateGlobalSecondaryIndexAction;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/**
 * Creates the tables of {@link SupportTables} in a local DynamoDB (the local runner and the
 * tests); on AWS the CDK stack declares the same specs.
 */
public final class LocalTables {
  private LocalTables() {}

  /** Creates every table the system owns, plus the users table; keeps tables that already exist. */
  public static void createAll(DynamoDbClient dynamoDb, TableNames names) {
    for (TableEntry table : Catalogue.TABLES) {
      create(dynamoDb, table.spec(), names.nameOf(table.spec()));
    }
  }

  public static void create(DynamoDbClient dynamoDb, TableSpec spec, String name) {
    try {
      dynamoDb.createTable(request(spec, name));
      dynamoDb.waiter().waitUntilTableExists(r -> r.tableName(name));
    } catch (ResourceInUseException alreadyThere) {
      // A table kept from an earlier run (data folder): keep its data, add the indexes it lacks.
      addMissingIndexes(dynamoDb, spec, name);
    }
    spec.timeToLive().ifPresent(attribute -> enableTimeToLive(dynamoDb, name, attribute));
  }

  /** Creates the spec's indexes a kept table does not have yet, one at a time, as DynamoDB requires. */
  private static void addMissingIndexes(DynamoDbClient dynamoDb, TableSpec spec, String name) {
    Set<String> present = new LinkedHashSet<>();
    var table = dynamoDb.describeTable(r -> r.tableName(name)).table();
    if (table.hasGlobalSecondaryIndexes()) {
      table.globalSecondaryIndexes().forEach(index -> present.add(index.indexName()));
    }
    CreateTableRequest full = request(spec, name);
    for (GlobalSecondaryIndex index : full.globalSecondaryIndexes()) {
      if (present.contains(index.indexName())) {
        continue;
      }
      dynamoDb.updateTable(r -> r.tableName(name).attributeDefinitions(full.attributeDefinitions())
          .globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder().create(CreateGlobalSecondaryIndexAction.builder()
              .indexName(index.indexName()).keySchema(index.keySchema()).projection(index.projection()).build()).build()));
      awaitIndexesActive(dynamoDb, name);
    }
  }

  /** DynamoDB builds an added index in the background and takes one at a time: wait for it. */
  private static void awaitIndexesActive(DynamoDbClient dynamoDb, String name) {
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
    while (true) {
      var table = dynamoDb.describeTable(r -> r.tableName(name)).table();
      boolean building = table.globalSecondaryIndexes().stream()
          .anyMatch(index -> index.indexStatus() != IndexStatus.ACTIVE);
      if (!building) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("an index of " + name + " is still being built after a minute");
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while an index of " + name + " was built", e);
      }
    }
  }

  static CreateTableRequest request(TableSpec spec, String name) {
    Set<String> keyAttributes = new LinkedHashSet<>();
    keyAttributes.add(spec.partitionKey());
    spec.sortKey().ifPresent(keyAttributes::add);
    List<GlobalSecondaryIndex> indexes = new ArrayList<>();
    for (TableSpec.Index index : spec.indexes()) {
      keyAttributes.add(index.partitionKey());
      keyAttributes.add(index.sortKey());
      indexes.add(GlobalSecondaryIndex.builder()
          .indexName(index.name())
          .keySchema(key(index.partitionKey(), KeyType.HASH), key(index.sortKey(), KeyType.RANGE))
          .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
          .build());
    }
    CreateTableRequest.Builder request = CreateTableRequest.builder()
        .tableName(name)
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .keySchema(spec.sortKey().isPresent()
            ? List.of(key(spec.partitionKey(), KeyType.HASH), key(spec.sortKey().get(), KeyType.RANGE))
            : List.of(key(spec.partitionKey(), KeyType.HASH)))
        .attributeDefinitions(keyAttributes.stream()
            .map(a -> AttributeDefinition.builder().attributeName(a).attributeType(ScalarAttributeType.S).build())
            .toList());
    if (!indexes.isEmpty()) {
      request.globalSecondaryIndexes(indexes);
    }
    if (spec.streamed()) {
      request.streamSpecification(StreamSpecification.builder()
          .streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES).build());
    }
    return request.build();
  }

  /** Turns TTL on unless it already is (a table kept from an earlier run). */
  private static void enableTimeToLive(DynamoDbClient dynamoDb, String table, String attribute) {
    TimeToLiveStatus status =
        dynamoDb.describeTimeToLive(r -> r.tableName(table)).timeToLiveDescription().timeToLiveStatus();
    if (status == TimeToLiveStatus.ENABLED || status == TimeToLiveStatus.ENABLING) {
      return;
    }
    dynamoDb.updateTimeToLive(r -> r.tableName(table).timeToLiveSpecification(
        TimeToLiveSpecification.builder().attributeName(attribute).enabled(true).build()));
  }

  private static KeySchemaElement key(String attribute, KeyType type) {
    return KeySchemaElement.builder().attributeName(attribute).keyType(type).build();
  }
}
