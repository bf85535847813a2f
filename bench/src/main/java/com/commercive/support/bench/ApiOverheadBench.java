package com.commercive.support.bench;

import static com.commercive.support.resources.EnvironmentVariables.IDEMPOTENCY_TABLE;
import static com.commercive.support.resources.EnvironmentVariables.JWT_SECRET;
import static com.commercive.support.resources.EnvironmentVariables.MESSAGES_TABLE;
import static com.commercive.support.resources.EnvironmentVariables.TICKETS_PER_USER_PER_HOUR;
import static com.commercive.support.resources.EnvironmentVariables.TICKETS_TABLE;
import static com.commercive.support.resources.EnvironmentVariables.USERS_TABLE;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.commercive.support.service.RateLimiter;
import com.commercive.support.store.AgentRoster;
import com.commercive.support.store.AttachmentStore;
import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.commercive.support.api.ApiGatewayEvents;
import com.commercive.support.api.ApiMetrics;
import com.commercive.support.api.HttpApi;
import com.commercive.support.api.HttpRequest;
import com.commercive.support.config.SupportConfig;
import com.commercive.support.fakes.InMemoryClaimStore;
import com.commercive.support.fakes.InMemoryTicketRepository;
import com.commercive.support.fakes.InMemoryUserDirectory;
import com.commercive.support.resources.TableNames;
import com.commercive.support.service.CursorCodec;
import com.commercive.support.api.IdempotencyService;
import com.commercive.support.service.TicketUseCases;
import com.commercive.support.standins.DynamoDbLocalServer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The API's overhead: each route through the handler against DynamoDB Local, next to the same
 * DynamoDB calls made directly with the SDK in the same run; and the handler's own CPU cost per
 * request (JWT, JSON, routing) with in-memory stores. Run with {@code mvn -q -pl bench exec:java
 * -Dexec.mainClass=com.commercive.support.bench.ApiOverheadBench}.
 */
public final class ApiOverheadBench {
  static final String SECRET = "bench-secret-bench-secret-bench-secret!";
  static final int WARMUP = 1_000;
  static final int SAMPLES = 2_000;

  public static void main(String[] args) {
    DynamoDbClient dynamoDb = DynamoDbLocalServer.client();
    TableNames tables = DynamoDbLocalServer.createTables(dynamoDb);
    SupportConfig config = SupportConfig.from(Map.of(JWT_SECRET, SECRET,
        TICKETS_TABLE, tables.tickets(), MESSAGES_TABLE, tables.messages(),
        USERS_TABLE, tables.users(), IDEMPOTENCY_TABLE, tables.idempotency(),
        TICKETS_PER_USER_PER_HOUR, "0"));
    HttpApi api = com.commercive.support.api.ApiWiring.from(config,
        com.commercive.support.store.dynamodb.DynamoDbAdapters.over(dynamoDb, config.tables()), Clock.systemUTC(),
        new NoMetrics()).api();
    String token = JWT.create().withSubject("bench-user").withExpiresAt(Instant.now().plusSeconds(3600))
        .sign(Algorithm.HMAC256(SECRET));
    String ticketId = null;
    for (int i = 0; i < 20; i++) {
      var created = api.handle(request("POST", "/support/tickets", token,
          "{\"subject\":\"Bench ticket " + i + "\",\"message\":\"hello\"}"));
      ticketId = created.body().substring(created.body().indexOf("\"ticket_id\":\"") + 13, created.body().indexOf("\"ticket_id\":\"") + 49);
    }
    String id = ticketId;

    System.out.println("| route | handler p50 ms | p99 ms | raw DynamoDB p50 ms | p99 ms | ratio (p50) |");
    System.out.println("|---|---|---|---|---|---|");
    compare("GET /support/tickets",
        () -> api.handle(request("GET", "/support/tickets", token, null)),
        () -> dynamoDb.query(r -> r.tableName(tables.tickets()).indexName("user-tickets-index")
            .keyConditionExpression("user_id = :u").expressionAttributeValues(Map.of(":u", AttributeValue.fromS("bench-user")))
            .scanIndexForward(false).limit(21)));
    compare("GET /support/tickets/{id}",
        () -> api.handle(request("GET", "/support/tickets/" + id, token, null)),
        () -> dynamoDb.getItem(r -> r.tableName(tables.tickets()).key(Map.of("ticket_id", AttributeValue.fromS(id))).consistentRead(true)));
    compare("GET /support/tickets/{id}/messages",
        () -> api.handle(request("GET", "/support/tickets/" + id + "/messages", token, null)),
        () -> {
          dynamoDb.getItem(r -> r.tableName(tables.tickets()).key(Map.of("ticket_id", AttributeValue.fromS(id))).consistentRead(true));
          dynamoDb.query(r -> r.tableName(tables.messages()).indexName("ticket-messages-index")
              .keyConditionExpression("ticket_id = :t").expressionAttributeValues(Map.of(":t", AttributeValue.fromS(id))).limit(51));
          dynamoDb.batchGetItem(r -> r.requestItems(Map.of(tables.users(), software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes.builder()
              .keys(List.of(Map.of("user_id", AttributeValue.fromS("bench-user")))).build())));
        });

    // The handler's own cost: the same requests over in-memory stores.
    InMemoryTicketRepository memory = new InMemoryTicketRepository();
    Clock clock = Clock.systemUTC();
    TicketUseCases tickets = TicketUseCases.over(memory, new InMemoryUserDirectory(), AttachmentStore.none(), AgentRoster.empty(), RateLimiter.unlimited(), new CursorCodec(SECRET.getBytes(StandardCharsets.UTF_8)), List.of(), com.commercive.support.domain.ServiceLevels.DEFAULT, clock, () -> UUID.randomUUID().toString());
    HttpApi inMemory = HttpApi.tickets(tickets,
        new com.commercive.support.service.CannedResponseService(
            new com.commercive.support.fakes.InMemoryCannedResponseStore(), tickets.access(), tickets.post(),
            new InMemoryUserDirectory(), clock,
            () -> UUID.randomUUID().toString()),
        new com.commercive.support.service.AgentService(new com.commercive.support.fakes.InMemoryAgentRoster(),
            new InMemoryUserDirectory(), null),
        new com.commercive.support.service.AttachmentService(new com.commercive.support.fakes.InMemoryAttachmentStore(),
            new com.commercive.support.fakes.InMemoryFileStorage(), tickets.access(), memory, clock,
            () -> UUID.randomUUID().toString(), com.commercive.support.service.AttachmentService.Policy.defaults(),
            com.commercive.support.service.RateLimiter.unlimited()),
        new com.commercive.support.realtime.RealtimeService(new com.commercive.support.fakes.InMemoryRealtimeStore(),
            tickets.access(), com.commercive.support.service.RateLimiter.unlimited(), 10, clock,
            () -> UUID.randomUUID().toString()),
        Optional.empty(),
        new com.commercive.support.service.ReadMetrics(new com.commercive.support.fakes.InMemoryMetricsStore()),
        new HttpApi.Steps(new IdempotencyService(new InMemoryClaimStore(), clock),
            new com.commercive.support.api.JwtAuthenticator(SECRET.getBytes(StandardCharsets.UTF_8), Optional.empty(),
                Optional.empty(), java.time.Duration.ZERO, clock),
            new com.commercive.support.api.CorsPolicy(List.of("http://localhost:3000")), new NoMetrics()));
    for (int i = 0; i < 20; i++) {
      inMemory.handle(request("POST", "/support/tickets", token, "{\"subject\":\"Bench ticket " + i + "\",\"message\":\"hello\"}"));
    }
    long cpu = cpuMicros(() -> inMemory.handle(request("GET", "/support/tickets", token, null)));
    long cpuPost = cpuMicros(() -> inMemory.handle(request("POST", "/support/tickets", token,
        "{\"subject\":\"A bench ticket\",\"message\":\"hello there\"}")));
    System.out.printf("%nhandler CPU per request, in-memory stores (JWT, JSON, routing, service): GET /support/tickets %d µs, POST /support/tickets %d µs%n", cpu, cpuPost);
    System.exit(0);
  }

  /**
   * Times the handler and the raw calls alternately, one sample each in turn, so that both see the
   * same state of DynamoDB Local (its JIT warms up for minutes) and of the machine.
   */
  static void compare(String route, Runnable handler, Runnable raw) {
    for (int i = 0; i < WARMUP; i++) {
      handler.run();
      raw.run();
    }
    List<Long> handled = new ArrayList<>(SAMPLES);
    List<Long> direct = new ArrayList<>(SAMPLES);
    for (int i = 0; i < SAMPLES; i++) {
      handled.add(time(handler));
      direct.add(time(raw));
    }
    Collections.sort(handled);
    Collections.sort(direct);
    System.out.printf("| %s | %.2f | %.2f | %.2f | %.2f | %.2f |%n", route, ms(handled, 50), ms(handled, 99),
        ms(direct, 50), ms(direct, 99), ms(handled, 50) / ms(direct, 50));
  }

  static long time(Runnable action) {
    long start = System.nanoTime();
    action.run();
    return System.nanoTime() - start;
  }

  static double ms(List<Long> sorted, int percentile) {
    return sorted.get(Math.min(sorted.size() - 1, sorted.size() * percentile / 100)) / 1e6;
  }

  static long cpuMicros(Runnable action) {
    var threads = java.lang.management.ManagementFactory.getThreadMXBean();
    for (int i = 0; i < 20_000; i++) {
      action.run();
    }
    int n = 20_000;
    long start = threads.getCurrentThreadCpuTime();
    for (int i = 0; i < n; i++) {
      action.run();
    }
    return (threads.getCurrentThreadCpuTime() - start) / n / 1_000;
  }

  static HttpRequest request(String method, String path, String token, String body) {
    APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRawPath(path)
        .withRawQueryString("").withHeaders(Map.of("authorization", "Bearer " + token, "origin", "http://localhost:3000"))
        .withBody(body).withIsBase64Encoded(false)
        .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId("bench").withStage("$default")
            .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(path).build()).build())
        .build();
    return ApiGatewayEvents.toRequest(event, "bench");
  }

  static final class NoMetrics implements ApiMetrics {
    @Override public void ticketCreated() {}
    @Override public void messagePosted(String senderType) {}
    @Override public void assistantAnswered(String topic, boolean handoff) {}
    @Override public void error(String kind, int status) {}
    @Override public void flush() {}
    @Override public void discard() {}
  }
}
