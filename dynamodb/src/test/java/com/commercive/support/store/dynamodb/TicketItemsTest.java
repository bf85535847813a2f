package com.commercive.support.store.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.commercive.support.domain.Assignee;
import com.commercive.support.domain.Priority;
import com.commercive.support.domain.Ticket;
import com.commercive.support.domain.TicketChange;
import com.commercive.support.domain.TicketStatus;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A ticket write's SET and REMOVE come from the item mapper: a new attribute is added in one place. */
class TicketItemsTest {
  static final Instant AT = Instant.parse("2026-12-01T09:00:00Z");

  @Test
  void aWriteSetsEveryAttributeOfTheNewItemButTheKey() {
    Ticket current = Ticket.open("t-1", "user-1", "Orders not syncing", Priority.MEDIUM, AT);
    Ticket next = current.with(new TicketChange(null, TicketStatus.OPEN, AT.plusSeconds(1), false,
        new TicketChange.Edit(Priority.HIGH, Optional.of(new Assignee("agent-1", "Ann")))));

    TicketItems.Changes changes = TicketItems.changes(current, next);

    Set<String> set = new HashSet<>(changes.names().values());
    Set<String> expected = new HashSet<>(TicketItems.toItem(next).keySet());
    expected.remove(TicketItems.TICKET_ID);
    assertThat(set).isEqualTo(expected);
    assertThat(changes.expression()).startsWith("SET ").doesNotContain("REMOVE");
    assertThat(changes.values()).hasSize(expected.size());
    changes.names().forEach((alias, attribute) ->
        assertThat(changes.values().get(":" + alias.substring(1))).isEqualTo(TicketItems.toItem(next).get(attribute)));
  }

  @Test
  void anAttributeTheNewTicketNoLongerHasIsRemoved() {
    Ticket assigned = Ticket.open("t-1", "user-1", "Orders not syncing", Priority.MEDIUM, AT)
        .with(new TicketChange(null, TicketStatus.OPEN, AT, false,
            new TicketChange.Edit(null, Optional.of(new Assignee("agent-1", "Ann")))));
    Ticket unassigned = assigned.with(new TicketChange(null, TicketStatus.OPEN, AT.plusSeconds(1), false,
        new TicketChange.Edit(null, Optional.empty())));

    TicketItems.Changes changes = TicketItems.changes(assigned, unassigned);

    String removed = changes.expression().substring(changes.expression().indexOf(" REMOVE ") + 8);
    Set<String> removedAttributes = new HashSet<>();
    for (String alias : removed.split(", ")) {
      removedAttributes.add(changes.names().get(alias));
    }
    assertThat(removedAttributes).containsExactlyInAnyOrder(TicketItems.ASSIGNEE_ID, TicketItems.ASSIGNEE_NAME);
  }
}
