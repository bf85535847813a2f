package com.commercive.support.store.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.commercive.support.domain.Agent;
import com.commercive.support.standins.FreshTables;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynamoDbAgentRosterIT {
  @AutoClose
  static final FreshTables db = FreshTables.create();
  final DynamoDbAgentRoster roster = new DynamoDbAgentRoster(db.client(), db.names().agents());

  @Test
  void savingChangesTheSettingsAndKeepsTheCounts() {
    Agent alex = roster.save("alex", "Alex Support", "alex@example.com", true, 5);
    assertThat(alex).isEqualTo(new Agent("alex", "Alex Support", "alex@example.com", true, 5, 0, null));
    // What ticket writes keep: three open tickets, the last given just now.
    db.client().updateItem(r -> r.tableName(db.names().agents()).key(Map.of("agent_id", AttributeValue.fromS("alex")))
        .updateExpression("SET open_assigned = :three, last_assigned_at = :at")
        .expressionAttributeValues(Map.of(":three", AttributeValue.fromN("3"),
            ":at", AttributeValue.fromS("2026-12-01T10:00:00.000Z"))));

    Agent away = roster.save("alex", "Alex S.", null, false, 8);
    assertThat(away.available()).isFalse();
    assertThat(away.maxOpen()).isEqualTo(8);
    assertThat(away.openAssigned()).isEqualTo(3);
    assertThat(away.lastAssignedAt()).isNotNull();
    assertThat(away.email()).isNull();
    assertThat(away.name()).isEqualTo("Alex S.");
    assertThat(roster.find("alex")).contains(away);
    assertThat(roster.find("nobody")).isEmpty();

    roster.save("bea", "Bea", "bea@example.com", true, 1);
    assertThat(roster.list()).extracting(Agent::agentId).containsExactly("alex", "bea");
  }
}
