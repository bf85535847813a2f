package com.commercive.support.store.dynamodb;

import com.commercive.support.config.SupportConfig.TableNames;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
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
 * The tables' keys and indexes, in one place: what the adapters query, what the local runner and
 * the tests create, and what the infrastructure code must declare.
 */
public final class SupportTables {
  public static final String USER_TICKETS_INDEX = "user-tickets-index";
  public static final String USER_STATUS_TICKETS_INDEX = "user-status-tickets-index";
  public static final String INBOX_INDEX = "status-updated-index";
  public static final String TICKET_MESSAGES_INDEX = "ticket-messages-index";

  private SupportTables() {}

  /** Creates every table the system owns, plus the users table, with streams on tickets and messages. */
  public static void createAll(DynamoDbClient dynamoDb, TableNames names) {
    create(dynamoDb, tickets(names.tickets()));
    create(dynamoDb, messages(names.messages()));
    create(dynamoDb, users(names.users()));
    create(dynamoDb, idempotency(names.idempotency()));
    enableTimeToLive(dynamoDb, names.idempotency(), IdempotencyItems.EXPIRES_AT);
  }

  /** Turns TTL on unless it already is (a table kept from an earlier run). */
  private static void enableTimeToLive(DynamoDbClient dynamoDb, String table, String attribute) {
    TimeToLiveStatus status =
        dynamoDb
            .describeTimeToLive(r -> r.tableName(table))
            .timeToLiveDescription()
            .timeToLiveStatus();
    if (status == TimeToLiveStatus.ENABLED || status == TimeToLiveStatus.ENABLING) {
      return;
    }
    dynamoDb.updateTimeToLive(
        r ->
            r.tableName(table)
                .timeToLiveSpecification(
                    TimeToLiveSpecification.builder().attributeName(attribute).enabled(true).build()));
  }

  public static CreateTableRequest tickets(String name) {
    return CreateTableRequest.builder()
        .tableName(name)
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .keySchema(hash(TicketItems.TICKET_ID))
        .attributeDefinitions(
            string(TicketItems.TICKET_ID),
            string(TicketItems.USER_ID),
            string(TicketItems.CREATED_AT),
            string(TicketItems.USER_STATUS),
            string(TicketItems.STATUS),
            string(TicketItems.UPDATED_AT))
        .globalSecondaryIndexes(
            index(USER_TICKETS_INDEX, TicketItems.USER_ID, TicketItems.CREATED_AT),
            index(USER_STATUS_TICKETS_INDEX, TicketItems.USER_STATUS, TicketItems.CREATED_AT),
            index(INBOX_INDEX, TicketItems.STATUS, TicketItems.UPDATED_AT))
        .streamSpecification(stream())
        .build();
  }

  public static CreateTableRequest messages(String name) {
    return CreateTableRequest.builder()
        .tableName(name)
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .keySchema(hash(MessageItems.MESSAGE_ID))
        .attributeDefinitions(
            string(MessageItems.MESSAGE_ID),
            string(MessageItems.TICKET_ID),
            string(MessageItems.CREATED_AT))
        .globalSecondaryIndexes(
            index(TICKET_MESSAGES_INDEX, MessageItems.TICKET_ID, MessageItems.CREATED_AT))
        .streamSpecification(stream())
        .build();
  }

  public static CreateTableRequest users(String name) {
    return CreateTableRequest.builder()
        .tableName(name)
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .keySchema(hash(UserItems.USER_ID))
        .attributeDefinitions(string(UserItems.USER_ID))
        .build();
  }

  public static CreateTableRequest idempotency(String name) {
    return CreateTableRequest.builder()
        .tableName(name)
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .keySchema(hash(IdempotencyItems.KEY))
        .attributeDefinitions(string(IdempotencyItems.KEY))
        .build();
  }

  private static void create(DynamoDbClient dynamoDb, CreateTableRequest request) {
    try {
      dynamoDb.createTable(request);
    } catch (ResourceInUseException alreadyThere) {
      // A table kept from an earlier run (data folder): its schema is ours, keep its data.
      return;
    }
    dynamoDb.waiter().waitUntilTableExists(r -> r.tableName(request.tableName()));
  }

  private static KeySchemaElement hash(String attribute) {
    return KeySchemaElement.builder().attributeName(attribute).keyType(KeyType.HASH).build();
  }

  private static KeySchemaElement range(String attribute) {
    return KeySchemaElement.builder().attributeName(attribute).keyType(KeyType.RANGE).build();
  }

  private static AttributeDefinition string(String attribute) {
    return AttributeDefinition.builder()
        .attributeName(attribute)
        .attributeType(ScalarAttributeType.S)
        .build();
  }

  private static GlobalSecondaryIndex index(String name, String hash, String range) {
    List<KeySchemaElement> keys = new ArrayList<>();
    keys.add(hash(hash));
    keys.add(range(range));
    return GlobalSecondaryIndex.builder()
        .indexName(name)
        .keySchema(keys)
        .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
        .build();
  }

  private static StreamSpecification stream() {
    return StreamSpecification.builder()
        .streamEnabled(true)
        .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)
        .build();
  }
}
