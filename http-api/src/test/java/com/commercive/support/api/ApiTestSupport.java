package com.commercive.support.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;
import com.commercive.support.assistant.kb.KnowledgeBase;
import com.commercive.support.assistant.kb.KnowledgeBaseAssistant;
import com.commercive.support.assistant.providers.LazyAssistant;
import com.commercive.support.domain.User;
import com.commercive.support.fakes.FakeLambdaContext;
import com.commercive.support.fakes.InMemoryAgentRoster;
import com.commercive.support.fakes.InMemoryAttachmentStore;
import com.commercive.support.fakes.InMemoryCannedResponseStore;
import com.commercive.support.fakes.InMemoryClaimStore;
import com.commercive.support.fakes.InMemoryFileStorage;
import com.commercive.support.fakes.InMemoryRealtimeStore;
import com.commercive.support.fakes.InMemoryTicketRepository;
import com.commercive.support.fakes.InMemoryUserDirectory;
import com.commercive.support.fakes.MutableClock;
import com.commercive.support.service.AgentService;
import com.commercive.support.service.AssistantService;
import com.commercive.support.realtime.RealtimeService;
import com.commercive.support.service.AttachmentService;
import com.commercive.support.service.CannedResponseService;
import com.commercive.support.service.CursorCodec;
import com.commercive.support.service.RateLimiter;
import com.commercive.support.service.TicketUseCases;
import com.commercive.support.store.TicketRepository;
import com.commercive.support.wire.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/** The HTTP API with every route over in-memory stores, with helpers to mint tokens and send events. */
class ApiTestSupport {
  static final String SECRET = "handler-test-secret-of-32-bytes-or-more";
  final com.commercive.support.fakes.InMemoryMetricsStore metricsStore = new com.commercive.support.fakes.InMemoryMetricsStore();
  static final Instant NOW = Instant.parse("2026-11-24T10:15:30.123Z");

  final MutableClock clock = new MutableClock(NOW);
  final InMemoryAttachmentStore attachmentStore = new InMemoryAttachmentStore();
  final InMemoryRealtimeStore realtimeStore = new InMemoryRealtimeStore();
  final InMemoryFileStorage files = new InMemoryFileStorage();
  final InMemoryTicketRepository repository = new InMemoryTicketRepository(attachmentStore);
  final InMemoryClaimStore idempotencyStore = new InMemoryClaimStore();
  final InMemoryCannedResponseStore cannedResponseStore = new InMemoryCannedResponseStore();
  final InMemoryAgentRoster roster = new InMemoryAgentRoster();
  final RecordingMetrics metrics = new RecordingMetrics();
  /** The real knowledge base, built on first use as the API builds it. */
  final LazyAssistant assistant = new LazyAssistant(() -> new KnowledgeBaseAssistant(KNOWLEDGE_BASE));
  final HttpApi api;

  ApiTestSupport() {
    this(List.of("http://localhost:3000", "http://localhost:5173"), null);
  }

  /** The real help-centre knowledge base, indexed once for all handler tests. */
  static final KnowledgeBase KNOWLEDGE_BASE = KnowledgeBase.load();

  ApiTestSupport(List<String> origins, TicketRepository repositoryOverride) {
    this(origins, repositoryOverride, RateLimiter.unlimited());
  }

  ApiTestSupport(List<String> origins, TicketRepository repositoryOverride, RateLimiter limits) {
    TicketRepository store = repositoryOverride == null ? repository : repositoryOverride;
    InMemoryUserDirectory users = new InMemoryUserDirectory(
        new User("user-1", "Dana Merchant", "dana@example.com", "user"),
        new User("admin-1", "Alex Support", "alex@example.com", "admin"));
    TicketUseCases tickets =
        TicketUseCases.over(store, users, attachmentStore, roster, limits, new CursorCodec(SECRET.getBytes(StandardCharsets.UTF_8)), List.of(), com.commercive.support.domain.ServiceLevels.DEFAULT, clock, () -> UUID.randomUUID().toString());
    var steps = new HttpApi.Steps(new IdempotencyService(idempotencyStore, clock),
        new JwtAuthenticator(SECRET.getBytes(StandardCharsets.UTF_8), Optional.empty(), Optional.empty(), Duration.ZERO, clock),
        new CorsPolicy(origins), metrics);
    var cannedResponses = new CannedResponseService(cannedResponseStore, tickets.access(), tickets.post(), users, clock,
        () -> UUID.randomUUID().toString());
    // Both functions' routes over the same stores: the contract is the whole document.
    api = new HttpApi(List.of(
        new TicketRoutes(tickets, metrics),
        new MessageRoutes(tickets, cannedResponses, metrics),
        new AssistantRoutes(new AssistantService(assistant, tickets.access(), tickets.append(), store,
            () -> UUID.randomUUID().toString(), limits), metrics),
        new AdminRoutes(tickets),
        new MetricsRoutes(new com.commercive.support.service.ReadMetrics(metricsStore)),
        new CannedResponseRoutes(cannedResponses),
        new AgentRoutes(new AgentService(roster, users, null)),
        new AttachmentRoutes(new AttachmentService(attachmentStore, files, tickets.access(), store, clock,
            () -> UUID.randomUUID().toString(), AttachmentService.Policy.defaults(), limits)),
        new RealtimeRoutes(new RealtimeService(realtimeStore, tickets.access(), RateLimiter.unlimited(), 10, clock, () -> UUID.randomUUID().toString()),
            Optional.of(java.net.URI.create("wss://live.example.com/prod")))), steps);
  }

  static String token(String userId, boolean admin) {
    return token(b -> {
      b.withSubject(userId);
      if (admin) {
        b.withClaim("role", "admin");
      }
    });
  }

  static String token(Consumer<JWTCreator.Builder> claims) {
    JWTCreator.Builder builder =
        JWT.create().withIssuedAt(NOW).withExpiresAt(NOW.plus(Duration.ofHours(1)));
    claims.accept(builder);
    return builder.sign(Algorithm.HMAC256(SECRET));
  }

  static APIGatewayV2HTTPEvent fixture(String name) {
    return EventLoader.loadApiGatewayHttpEvent("events/" + name);
  }

  /** A payload 2.0 event like API Gateway's, for requests without a fixture file. */
  static APIGatewayV2HTTPEvent event(String method, String pathAndQuery, String token, String body) {
    int q = pathAndQuery.indexOf('?');
    String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    String query = q < 0 ? "" : pathAndQuery.substring(q + 1);
    Map<String, String> headers = new HashMap<>();
    headers.put("host", "api.example.com");
    headers.put("origin", "http://localhost:3000");
    if (token != null) {
      headers.put("authorization", "Bearer " + token);
    }
    if (body != null) {
      headers.put("content-type", "application/json");
    }
    return APIGatewayV2HTTPEvent.builder()
        .withVersion("2.0")
        .withRouteKey("$default")
        .withRawPath(path)
        .withRawQueryString(query)
        .withHeaders(headers)
        .withBody(body)
        .withIsBase64Encoded(false)
        .withRequestContext(
            APIGatewayV2HTTPEvent.RequestContext.builder()
                .withRequestId("req-" + UUID.randomUUID())
                .withStage("$default")
                .withHttp(
                    APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                        .withMethod(method)
                        .withPath(path)
                        .withSourceIp("203.0.113.10")
                        .build())
                .build())
        .build();
  }

  /** Sends the event to the handler; every response must match the OpenAPI document. */
  APIGatewayV2HTTPResponse send(APIGatewayV2HTTPEvent event) {
    APIGatewayV2HTTPResponse response = ApiGatewayEvents.serve(api, metrics, event, new FakeLambdaContext("api-handler"));
    String query = event.getRawQueryString() == null || event.getRawQueryString().isEmpty()
        ? "" : "?" + event.getRawQueryString();
    String stage = event.getRequestContext().getStage();
    String path = stage != null && !stage.equals("$default") && event.getRawPath().startsWith("/" + stage + "/")
        ? event.getRawPath().substring(stage.length() + 1) : event.getRawPath();
    OpenApiContract.load().check(event.getRequestContext().getHttp().getMethod(), path + query,
        response.getStatusCode(), response.getHeaders() == null ? Map.of() : response.getHeaders(),
        response.getBody());
    return response;
  }

  APIGatewayV2HTTPResponse send(String method, String path, String token, String body) {
    return send(event(method, path, token, body));
  }

  /** Callers of every kind, and the requests most tests start from. */
  static final String USER = token("user-1", false);
  static final String OTHER = token("user-2", false);
  static final String ADMIN = token("admin-1", true);

  String createTicket(String token) {
    APIGatewayV2HTTPResponse response =
        send("POST", "/support/tickets", token,
            "{\"subject\":\"Orders not syncing\",\"message\":\"Since yesterday\"}");
    assertThat(response.getStatusCode()).isEqualTo(201);
    return json(response).at("/ticket/ticket_id").asText();
  }

  static void assertProblem(APIGatewayV2HTTPResponse response, int status) {
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(status);
    assertThat(header(response, "Content-Type")).isEqualTo("application/problem+json");
    JsonNode problem = json(response);
    assertThat(problem.get("status").asInt()).isEqualTo(status);
    assertThat(problem.get("title").asText()).isNotBlank();
    assertThat(problem.get("type").asText()).startsWith("https://");
    assertThat(problem.get("detail").asText()).isNotBlank();
  }

  static List<String> errorFields(APIGatewayV2HTTPResponse response) {
    List<String> fields = new ArrayList<>();
    json(response).path("errors").forEach(e -> fields.add(e.get("field").asText()));
    return fields;
  }

  static JsonNode json(APIGatewayV2HTTPResponse response) {
    try {
      return Json.MAPPER.readTree(response.getBody());
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + response.getBody(), e);
    }
  }

  static String header(APIGatewayV2HTTPResponse response, String name) {
    for (Map.Entry<String, String> e : response.getHeaders().entrySet()) {
      if (e.getKey().equalsIgnoreCase(name)) {
        return e.getValue();
      }
    }
    return null;
  }

  static final class RecordingMetrics implements ApiMetrics {
    final List<String> events = new ArrayList<>();

    @Override
    public synchronized void ticketCreated() {
      events.add("ticket");
    }

    @Override
    public synchronized void messagePosted(String senderType) {
      events.add("message:" + senderType);
    }

    @Override
    public synchronized void assistantAnswered(String topic, boolean handoff) {
      events.add("assistant:" + topic + (handoff ? ":handoff" : ""));
    }

    @Override
    public synchronized void error(String kind, int status) {
      events.add("error:" + kind + ":" + status);
    }

    @Override
    public synchronized void flush() {
      events.add("flush");
    }

    @Override
    public synchronized void discard() {
      events.clear();
    }
  }
}
