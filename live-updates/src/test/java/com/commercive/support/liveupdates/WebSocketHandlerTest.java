package com.commercive.support.liveupdates;

import static org.assertj.core.api.Assertions.assertThat;
import com.commercive.support.service.RateLimiter;
import com.commercive.support.store.AgentRoster;
import com.commercive.support.store.AttachmentStore;
import com.commercive.support.service.OpenTicket;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.commercive.support.domain.Caller;
import com.commercive.support.domain.Ticket;
import com.commercive.support.fakes.InMemoryRealtimeStore;
import com.commercive.support.fakes.InMemoryTicketRepository;
import com.commercive.support.fakes.InMemoryUserDirectory;
import com.commercive.support.fakes.MutableClock;
import com.commercive.support.realtime.RealtimeService;
import com.commercive.support.realtime.Topic;
import com.commercive.support.service.CursorCodec;
import com.commercive.support.service.TicketUseCases;
import com.commercive.support.service.OpenTicket.NewTicket;
import com.commercive.support.wire.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The WebSocket routes on API Gateway's event shape, with in-memory stores. */
class WebSocketHandlerTest {
  static final Caller OWNER = new Caller("user-1", false);
  static final Caller OTHER = new Caller("user-2", false);

  final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
  final InMemoryRealtimeStore store = new InMemoryRealtimeStore();
  final TicketUseCases tickets = TicketUseCases.over(new InMemoryTicketRepository(), new InMemoryUserDirectory(), AttachmentStore.none(), AgentRoster.empty(), RateLimiter.unlimited(), new CursorCodec("a-test-secret-that-is-long-enough!!".getBytes(StandardCharsets.UTF_8)), List.of(), com.commercive.support.domain.ServiceLevels.DEFAULT, clock, () -> UUID.randomUUID().toString());
  final RealtimeService realtime = new RealtimeService(store, tickets.access(), RateLimiter.unlimited(), 10, clock, () -> UUID.randomUUID().toString());
  final WebSocketHandler handler = new WebSocketHandler(realtime);
  final Ticket ticket = tickets.open().open(OWNER, new NewTicket("Orders not syncing", "medium", null)).ticket();

  static APIGatewayV2WebSocketEvent event(String route, String connectionId, Map<String, String> query, String body) {
    APIGatewayV2WebSocketEvent event = new APIGatewayV2WebSocketEvent();
    APIGatewayV2WebSocketEvent.RequestContext context = new APIGatewayV2WebSocketEvent.RequestContext();
    context.setRouteKey(route);
    context.setConnectionId(connectionId);
    context.setEventType(route.equals("$connect") ? "CONNECT" : route.equals("$disconnect") ? "DISCONNECT" : "MESSAGE");
    event.setRequestContext(context);
    event.setQueryStringParameters(query);
    event.setBody(body);
    return event;
  }

  APIGatewayV2WebSocketResponse connect(String connectionId, Caller caller) {
    return handler.handle(event("$connect", connectionId, Map.of("token", realtime.issueToken(caller).token()), null));
  }

  JsonNode send(String connectionId, String frame) throws Exception {
    APIGatewayV2WebSocketResponse response = handler.handle(event("$default", connectionId, null, frame));
    assertThat(response.getStatusCode()).isEqualTo(200);
    return Json.MAPPER.readTree(response.getBody());
  }

  @Test
  void aValidTokenConnectsOnceAndAnythingElseIsRefusedWith401() {
    String token = realtime.issueToken(OWNER).token();
    assertThat(handler.handle(event("$connect", "c-1", Map.of("token", token), null)).getStatusCode()).isEqualTo(200);
    assertThat(handler.handle(event("$connect", "c-2", Map.of("token", token), null)).getStatusCode()).isEqualTo(401);
    assertThat(handler.handle(event("$connect", "c-3", Map.of("token", "forged"), null)).getStatusCode()).isEqualTo(401);
    assertThat(handler.handle(event("$connect", "c-4", null, null)).getStatusCode()).isEqualTo(401);
    assertThat(store.connection("c-1")).isPresent();
    assertThat(store.connection("c-2")).isEmpty();
  }

  @Test
  void framesAreAnsweredOnTheConnectionAndBadOnesWithAnErrorThatKeepsItOpen() throws Exception {
    connect("owner", OWNER);
    connect("other", OTHER);

    JsonNode subscribed = send("owner", "{\"action\":\"subscribe\",\"ticket_id\":\"" + ticket.ticketId() + "\"}");
    assertThat(subscribed.get("type").asText()).isEqualTo("subscribed");
    assertThat(subscribed.get("ticket_id").asText()).isEqualTo(ticket.ticketId());
    assertThat(send("owner", "{\"action\":\"ping\"}").get("type").asText()).isEqualTo("pong");

    assertThat(send("other", "{\"action\":\"subscribe\",\"ticket_id\":\"" + ticket.ticketId() + "\"}").get("code").asText())
        .isEqualTo("forbidden");
    assertThat(send("other", "{\"action\":\"subscribe\",\"ticket_id\":\"nope\"}").get("code").asText()).isEqualTo("not_found");
    for (String bad : List.of("not json", "[1,2]", "{\"action\":7}", "{\"action\":\"fly\"}", "", "{\"action\":\"subscribe\",\"inbox\":\"yes\"}",
        "{\"action\":\"ping\",\"pad\":\"" + "x".repeat(5_000) + "\"}")) {
      JsonNode error = send("other", bad);
      assertThat(error.get("type").asText()).as(bad).isEqualTo("error");
      assertThat(error.get("code").asText()).as(bad).isEqualTo("bad_request");
      assertThat(error.get("detail").asText()).doesNotContain("Exception").doesNotContain("at com.");
    }
    assertThat(store.connection("other")).isPresent();
    assertThat(store.subscribers(Topic.ticket(ticket.ticketId()))).extracting(c -> c.connectionId()).containsExactly("owner");
  }

  @Test
  void disconnectingForgetsTheConnection() throws Exception {
    connect("owner", OWNER);
    send("owner", "{\"action\":\"subscribe\",\"ticket_id\":\"" + ticket.ticketId() + "\"}");

    assertThat(handler.handle(event("$disconnect", "owner", null, null)).getStatusCode()).isEqualTo(200);

    assertThat(store.connection("owner")).isEmpty();
    assertThat(store.subscribers(Topic.ticket(ticket.ticketId()))).isEmpty();
    assertThat(send("owner", "{\"action\":\"ping\"}").get("code").asText()).isEqualTo("forbidden");
  }
}
