package com.commercive.support.standins;

import static org.assertj.core.api.Assertions.assertThat;

import com.commercive.support.resources.TableNames;
import com.commercive.support.resources.TableSpec;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

class LocalTablesIT {
  @Test
  void createsTheTablesWithStreamsIndexesAndTtlAndCanRunAgain() {
    try (DynamoDbClient client = DynamoDbLocalServer.client()) {
      TableNames names = DynamoDbLocalServer.createTables(client);
      // A second run against kept tables (the local runner's data folder) changes nothing.
      LocalTables.createAll(client, names);

      TableDescription tickets = client.describeTable(r -> r.tableName(names.tickets())).table();
      assertThat(tickets.streamSpecification().streamViewType()).isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
      assertThat(indexNames(tickets.globalSecondaryIndexes()))
          .containsExactlyInAnyOrder(
              "user-tickets-index", "user-status-tickets-index", "status-updated-index", "assignee-status-updated-index",
              "waiting-index", "sla-due-index");
      TableDescription messages = client.describeTable(r -> r.tableName(names.messages())).table();
      assertThat(messages.streamSpecification().streamEnabled()).isTrue();
      assertThat(indexNames(messages.globalSecondaryIndexes())).containsExactly("ticket-messages-index");
      assertThat(
              client.describeTimeToLive(r -> r.tableName(names.idempotency()))
                  .timeToLiveDescription())
          .satisfies(ttl -> {
            assertThat(ttl.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
            assertThat(ttl.attributeName()).isEqualTo("expires_at");
          });
    }
  }

  private static List<String> indexNames(List<GlobalSecondaryIndexDescription> indexes) {
    return indexes.stream().map(GlobalSecondaryIndexDescription::indexName).toList();
  }

  /** A table kept from before an index was added (a local data folder) gets the index, its data kept. */
  @Test
  void aKeptTableGetsTheIndexesItLacks() {
    try (DynamoDbClient client = DynamoDbLocalServer.client()) {
      String name = "kept_" + java.util.UUID.randomUUID().toString().substring(0, 8);
      TableSpec older = new TableSpec(name, "ticket_id", false, java.util.Optional.empty(), List.of());
      LocalTables.create(client, older, name);
      client.putItem(r -> r.tableName(name).item(java.util.Map.of(
          "ticket_id", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("t-1"))));
      LocalTables.create(client, com.commercive.support.resources.SupportTables.TICKETS, name);
      TableDescription table = client.describeTable(r -> r.tableName(name)).table();
      assertThat(indexNames(table.globalSecondaryIndexes())).hasSize(6)
          .contains("assignee-status-updated-index", "waiting-index", "sla-due-index");
      assertThat(client.getItem(r -> r.tableName(name).key(java.util.Map.of(
          "ticket_id", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("t-1")))).hasItem()).isTrue();
    }
  }
}
