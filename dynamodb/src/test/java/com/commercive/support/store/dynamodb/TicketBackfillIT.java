package com.commercive.support.store.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.commercive.support.domain.Priority;
import com.commercive.support.domain.Ticket;
import com.commercive.support.standins.FreshTables;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class TicketBackfillIT {
  @AutoClose
  static final FreshTables db = FreshTables.create();

  /** A ticket as stored before the agents' tools: no assignee inbox key, no priority source. */
  void storeOldStyle(String id) {
    Map<String, AttributeValue> item = new HashMap<>(TicketItems.toItem(
        Ticket.open(id, "old-owner", "Old ticket " + id, Priority.HIGH, Instant.parse("2026-11-01T10:00:00Z"))));
    item.remove(TicketItems.ASSIGNEE_STATUS);
    item.remove(TicketItems.PRIORITY_SOURCE);
    db.client().putItem(r -> r.tableName(db.names().tickets()).item(item));
  }

  @Test
  void oldTicketsJoinTheAssigneeInboxOnceAndKeepTheirVersion() {
    storeOldStyle("old-1");
    storeOldStyle("old-2");
    var repository = new DynamoDbTicketRepository(db.client(), db.names());
    assertThat(repository.listAll(null, Optional.empty(), 10, null).items()).isEmpty();

    assertThat(new TicketBackfill(db.client(), db.names().tickets()).run()).isEqualTo(2);
    assertThat(repository.listAll(null, Optional.empty(), 10, null).items()).extracting(Ticket::ticketId)
        .containsExactlyInAnyOrder("old-1", "old-2");
    Map<String, AttributeValue> item = db.client().getItem(r -> r.tableName(db.names().tickets())
        .key(TicketItems.key("old-1"))).item();
    assertThat(item.get(TicketItems.PRIORITY_SOURCE).s()).isEqualTo("user");
    assertThat(item.get(TicketItems.VERSION).n()).isEqualTo("0");
    assertThat(new TicketBackfill(db.client(), db.names().tickets()).run()).isZero();
  }
}
