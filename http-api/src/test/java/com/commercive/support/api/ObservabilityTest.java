package com.commercive.support.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.commercive.support.domain.Message;
import com.commercive.support.domain.Ticket;
import com.commercive.support.domain.TicketChange;
import com.commercive.support.domain.TicketStatus;
import com.commercive.support.store.Page;
import com.commercive.support.store.TicketRepository;
import com.commercive.support.testing.StandardOutput;
import com.commercive.support.wire.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the API writes to its logs and metrics: keys and counts, never bodies, tokens or emails. */
class ObservabilityTest extends ApiTestSupport {

  @Test
  void logsOneStructuredLinePerRequestWithoutPersonalData() {
    String token =
        token(b -> b.withSubject("user-1").withClaim("email", "dana.secret@example.com").withClaim("name", "Dana Secret"));
    APIGatewayV2HTTPEvent event =
        event("POST", "/support/tickets", token,
            "{\"subject\":\"My card 4111-1111-1111-1111\",\"message\":\"password is hunter2\"}");

    List<String> lines = StandardOutput.linesPrintedBy(() -> send(event));

    String all = String.join("\n", lines);
    assertThat(all)
        .doesNotContain(token)
        .doesNotContain(token.substring(token.lastIndexOf('.') + 1))
        .doesNotContain("4111-1111")
        .doesNotContain("hunter2")
        .doesNotContain("dana.secret@example.com")
        .doesNotContain("Dana Secret");
    JsonNode line =
        lines.stream()
            .map(ObservabilityTest::parse)
            .filter(j -> "request handled".equals(j.path("message").asText()))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no request line in " + all));
    assertThat(line.get("level").asText()).isEqualTo("INFO");
    assertThat(line.get("route").asText()).isEqualTo("/tickets");
    assertThat(line.get("status").asInt()).isEqualTo(201);
    assertThat(line.get("request_id").asText()).isEqualTo(event.getRequestContext().getRequestId());
    assertThat(line.get("function_request_id").asText()).isNotBlank();
  }

  @Test
  void aFaultIsLoggedWithItsRequestIdAndTicketButNotTheBody() {
    TicketRepository broken =
        new TicketRepository() {
          @Override public void create(Ticket t, Message m) {}
          @Override public Optional<Ticket> find(String id) { throw new IllegalStateException("store unavailable"); }
          @Override public java.util.Optional<Applied> update(String id,
              java.util.function.Function<Ticket, java.util.Optional<TicketChange>> ch) { throw new IllegalStateException(); }
          @Override public Page<Ticket> listByUser(String u, TicketStatus s, int l, String a) { throw new IllegalStateException(); }
          @Override public Page<Ticket> listAll(TicketStatus s, Optional<String> g, int l, String a) { throw new IllegalStateException(); }
          @Override public Page<Message> listMessages(String t, int l, String a, boolean n) { throw new IllegalStateException(); }
          @Override public void addNote(Message m) { throw new IllegalStateException(); }
          @Override public List<Ticket> waiting(int l) { throw new IllegalStateException(); }
          @Override public List<Ticket> dueBy(java.time.Instant n, int l) { throw new IllegalStateException(); }
          @Override public List<Message> recentMessages(String t, int c) { throw new IllegalStateException(); }
          @Override public Optional<Message> findMessage(String id) { throw new IllegalStateException(); }
        };
    ApiTestSupport faulty = new ApiTestSupport(List.of(), broken);
    APIGatewayV2HTTPEvent event =
        event("POST", "/support/tickets/t-123/messages", token("user-1", false), "{\"message\":\"private words\"}");

    List<String> lines = StandardOutput.linesPrintedBy(() -> faulty.send(event));

    String all = String.join("\n", lines);
    assertThat(all).doesNotContain("private words");
    JsonNode error =
        lines.stream().map(ObservabilityTest::parse)
            .filter(j -> "ERROR".equals(j.path("level").asText()))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no error line in " + all));
    assertThat(error.get("request_id").asText()).isEqualTo(event.getRequestContext().getRequestId());
    assertThat(error.get("error_type").asText()).isEqualTo(IllegalStateException.class.getName());
    assertThat(error.get("stack_trace").asText()).contains("store unavailable");
    JsonNode request =
        lines.stream().map(ObservabilityTest::parse)
            .filter(j -> "request handled".equals(j.path("message").asText()))
            .findFirst().orElseThrow();
    assertThat(request.get("ticket_id").asText()).isEqualTo("t-123");
    assertThat(request.get("status").asInt()).isEqualTo(500);
  }

  @Test
  void metricsAreOneEmbeddedMetricFormatLinePerDimensionSetAtTheEndOfTheInvocation() {
    EmfApiMetrics metrics =
        new EmfApiMetrics("TestNamespace", "test-service", Clock.fixed(Instant.ofEpochMilli(1_700_000_000_123L), ZoneOffset.UTC));
    List<String> lines = StandardOutput.linesPrintedBy(() -> {
      metrics.ticketCreated();
      metrics.messagePosted("user");
      metrics.messagePosted("user");
      metrics.error("validation-error", 400);
      metrics.flush();
      metrics.flush();
    });

    // Service alone, Service+SenderType, Service+ErrorKind; the second flush had nothing to add.
    assertThat(lines).hasSize(3);
    JsonNode service = parse(lines.get(0));
    assertThat(service.at("/_aws/Timestamp").asLong()).isEqualTo(1_700_000_000_123L);
    JsonNode directive = service.at("/_aws/CloudWatchMetrics/0");
    assertThat(directive.get("Namespace").asText()).isEqualTo("TestNamespace");
    assertThat(directive.get("Dimensions").toString()).isEqualTo("[[\"Service\"]]");
    assertThat(directive.get("Metrics").toString()).isEqualTo(
        "[{\"Name\":\"TicketsCreated\",\"Unit\":\"Count\"},{\"Name\":\"MessagesPosted\",\"Unit\":\"Count\"},"
            + "{\"Name\":\"ClientErrors\",\"Unit\":\"Count\"}]");
    assertThat(service.get("Service").asText()).isEqualTo("test-service");
    assertThat(service.get("TicketsCreated").asInt()).isEqualTo(1);
    assertThat(service.get("MessagesPosted").asInt()).isEqualTo(2);
    assertThat(service.get("ClientErrors").asInt()).isEqualTo(1);

    JsonNode bySender = parse(lines.get(1));
    assertThat(bySender.at("/_aws/CloudWatchMetrics/0/Dimensions").toString()).isEqualTo("[[\"Service\",\"SenderType\"]]");
    assertThat(bySender.get("SenderType").asText()).isEqualTo("user");
    assertThat(bySender.get("MessagesPostedBySender").asInt()).isEqualTo(2);
    JsonNode byKind = parse(lines.get(2));
    assertThat(byKind.get("ErrorKind").asText()).isEqualTo("validation-error");
    assertThat(byKind.get("Errors").asInt()).isEqualTo(1);
  }

  @Test
  void eachThreadPublishesOnlyWhatItCounted() throws Exception {
    EmfApiMetrics metrics = new EmfApiMetrics(null, null, Clock.systemUTC());
    List<String> lines = StandardOutput.linesPrintedBy(() -> {
      metrics.ticketCreated();
      Thread other = new Thread(() -> {
        metrics.assistantAnswered("payouts", true);
        metrics.flush();
      });
      other.start();
      try {
        other.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      metrics.flush();
    });

    assertThat(lines).hasSize(3);
    assertThat(parse(lines.get(0)).has("AssistantHandoffs")).isTrue();
    assertThat(parse(lines.get(0)).has("TicketsCreated")).isFalse();
    assertThat(parse(lines.get(0)).at("/_aws/CloudWatchMetrics/0/Namespace").asText()).isEqualTo("CommerciveSupport");
    assertThat(parse(lines.get(1)).get("Topic").asText()).isEqualTo("payouts");
    assertThat(parse(lines.get(2)).get("TicketsCreated").asInt()).isEqualTo(1);
    assertThat(parse(lines.get(2)).get("Service").asText()).isEqualTo("commercive-support-api");
  }

  private static JsonNode parse(String line) {
    try {
      return Json.MAPPER.readTree(line);
    } catch (Exception notJson) {
      return Json.MAPPER.createObjectNode();
    }
  }
}
