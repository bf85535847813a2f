package com.commercive.support.standins;

import static org.assertj.core.api.Assertions.assertThat;

import com.commercive.support.resources.TableNames;
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
              "user-tickets-index", "user-status-tickets-index", "status-updated-index");
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
}
