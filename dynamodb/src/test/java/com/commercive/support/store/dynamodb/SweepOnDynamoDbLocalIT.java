package com.commercive.support.store.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.commercive.support.domain.Message;
import com.commercive.support.domain.Priority;
import com.commercive.support.domain.SenderType;
import com.commercive.support.domain.ServiceLevels;
import com.commercive.support.domain.SlaMetric;
import com.commercive.support.domain.Ticket;
import com.commercive.support.domain.TicketChange;
import com.commercive.support.domain.TicketStatus;
import com.commercive.support.resources.TableNames;
import com.commercive.support.service.SweepTickets;
import com.commercive.support.standins.DynamoDbLocalServer;
import com.commercive.support.testing.DynamoDbCallRecorder;
import com.commercive.support.testkit.Races;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The sweep's sparse index and its conditional writes against DynamoDB Local. */
class SweepOnDynamoDbLocalIT {
  static final DynamoDbCallRecorder recorder = new DynamoDbCallRecorder();
  @AutoClose
  static final DynamoDbClient client = DynamoDbLocalServer.client(recorder);
  static final TableNames tables = DynamoDbLocalServer.createTables(client);
  static final DynamoDbTicketRepository repository = new DynamoDbTicketRepository(client, tables);
  @AutoClose
  static final Races races = new Races(8);
  static final ServiceLevels LEVELS = ServiceLevels.DEFAULT;
  int sequence;

  Ticket open(String id, Priority priority, Instant at) {
    Ticket ticket = Ticket.open(id, "user-1", "Subject " + id, priority, at, LEVELS);
    Message first = new Message(id + "-m" + (++sequence), id, "user-1", SenderType.USER, "text", null, at);
    ticket = ticket.with(new TicketChange(first, TicketStatus.OPEN, at, false));
    repository.create(ticket, first);
    return ticket;
  }

  static Clock at(Instant instant) {
    return Clock.fixed(instant, ZoneOffset.UTC);
  }

  Map<String, AttributeValue> item(String id) {
    return client.getItem(r -> r.tableName(tables.tickets()).key(TicketItems.key(id)).consistentRead(true)).item();
  }

  @Test
  void onlyTicketsWithADueClockAreReadOneQueryAShardAndAClosedTicketLeavesTheIndex() {
    Instant t0 = Instant.parse("2026-01-10T10:00:00Z");
    open("due-high", Priority.HIGH, t0);
    open("due-low", Priority.LOW, t0);
    Ticket closing = open("due-closed", Priority.HIGH, t0);
    repository.update(closing.ticketId(), t -> Optional.of(t.close(t0.plusSeconds(60), LEVELS)));
    assertThat(item("due-closed")).doesNotContainKeys("due_shard", "next_due_at");
    assertThat(item("due-high").get("next_due_at").s()).isEqualTo("2026-01-10T11:00:00.000Z");

    recorder.reset();
    List<Ticket> due = repository.dueBy(t0.plus(Duration.ofMinutes(90)), 100);

    assertThat(due).extracting(Ticket::ticketId).contains("due-high").doesNotContain("due-low", "due-closed");
    assertThat(recorder.operations()).containsOnly("Query").hasSize(4);
  }

  @Test
  void sweepsRacingOnOneTicketMarkItsBreachOnce() throws Exception {
    Instant t0 = Instant.parse("2026-02-10T10:00:00Z");
    open("raced", Priority.HIGH, t0);
    Clock late = at(t0.plus(Duration.ofHours(2)));
    List<SweepTickets.Swept> sweeps = races.race(6, () -> new SweepTickets(repository, LEVELS, late).sweep());

    assertThat(sweeps.stream().mapToInt(SweepTickets.Swept::breachesMarked).sum()).isEqualTo(1);
    Ticket ticket = repository.find("raced").orElseThrow();
    assertThat(ticket.sla().breached()).containsExactly(SlaMetric.FIRST_RESPONSE);
    assertThat(ticket.version()).isEqualTo(2);
    assertThat(item("raced").get("next_due_at").s()).as("the next clock: resolution").isEqualTo("2026-02-11T10:00:00.000Z");
  }
}
