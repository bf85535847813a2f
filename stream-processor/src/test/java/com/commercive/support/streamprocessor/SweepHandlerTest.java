package com.commercive.support.streamprocessor;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.commercive.support.domain.Priority;
import com.commercive.support.domain.ServiceLevels;
import com.commercive.support.domain.SlaMetric;
import com.commercive.support.domain.Ticket;
import com.commercive.support.fakes.InMemoryTicketRepository;
import com.commercive.support.fakes.MutableClock;
import com.commercive.support.service.SweepTickets;
import com.commercive.support.fakes.FakeLambdaContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The schedule's firing: one sweep, its counts as embedded metrics for the stack's alarm. */
class SweepHandlerTest {
  @Test
  void aFiringSweepsAndCountsTheBreachesItMarked() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    InMemoryTicketRepository repository = new InMemoryTicketRepository();
    repository.put(Ticket.open("t-1", "user-1", "Payout missing", Priority.HIGH, clock.instant()));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SweepHandler handler = new SweepHandler(new SweepTickets(repository, ServiceLevels.DEFAULT, clock), null, clock,
        new PrintStream(out, true, StandardCharsets.UTF_8));
    clock.advance(Duration.ofMinutes(61));

    var result = handler.handleRequest(new ScheduledEvent(), new FakeLambdaContext("sweep"));

    assertThat(result).containsEntry("breaches_marked", 1).containsEntry("auto_closed", 0);
    assertThat(repository.find("t-1").orElseThrow().sla().breached()).containsExactly(SlaMetric.FIRST_RESPONSE);
    JsonNode emf = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8).strip());
    assertThat(emf.at("/_aws/CloudWatchMetrics/0/Namespace").asText()).isEqualTo("CommerciveSupport");
    assertThat(emf.get("SlaBreaches").asInt()).isEqualTo(1);
    assertThat(emf.get("TicketsAutoClosed").asInt()).isZero();
  }
}
