package com.commercive.support.api;

import com.commercive.support.domain.WarmUp;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.commercive.support.assistant.Assistant;
import com.commercive.support.assistant.providers.Assistants;
import com.commercive.support.assistant.providers.LazyAssistant;
import com.commercive.support.config.SupportConfig;
import com.commercive.support.lambda.SnapStartPriming;
import com.commercive.support.realtime.RealtimeService;
import com.commercive.support.logging.InvocationLogContext;
import com.commercive.support.service.AgentService;
import com.commercive.support.service.AssistantService;
import com.commercive.support.service.AttachmentService;
import com.commercive.support.service.CannedResponseService;
import com.commercive.support.service.CursorCodec;
import com.commercive.support.service.RateLimiter;
import com.commercive.support.service.TicketService;
import com.commercive.support.store.dynamodb.DynamoDbAgentRoster;
import com.commercive.support.store.dynamodb.DynamoDbAttachmentStore;
import com.commercive.support.store.dynamodb.DynamoDbCannedResponseStore;
import com.commercive.support.store.dynamodb.DynamoDbClaimStore;
import com.commercive.support.store.dynamodb.DynamoDbRealtimeStore;
import com.commercive.support.store.dynamodb.DynamoDbRateLimitStore;
import com.commercive.support.store.dynamodb.DynamoDbTicketRepository;
import com.commercive.support.store.dynamodb.DynamoDbUserDirectory;
import com.commercive.support.store.s3.S3Clients;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The API Lambda: translates the HTTP API / Function URL event and hands it to {@link HttpApi}.
 */
public final class ApiHandler
    implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

  private final HttpApi api;
  private final ApiMetrics metrics;
  private final Assistant assistant;

  /**
   * What Lambda calls: wires the real adapters from the environment, once per cold start, and
   * registers the warm-up SnapStart runs before its snapshot.
   */
  public ApiHandler() {
    this(JwtSecrets.resolve(SupportConfig.fromEnvironment()), SnapStartPriming::register);
  }

  private ApiHandler(SupportConfig config, BiConsumer<String, Runnable> warmUps) {
    this(config);
    warmUps.accept("api-handler", () -> warmUp(config.jwt().requireSecret()));
  }

  /** Wires the real adapters from {@code config} (the local runner's way in). */
  public ApiHandler(SupportConfig config) {
    this(config, com.commercive.support.store.dynamodb.DynamoDbClients.create(config), Clock.systemUTC(),
        new EmfApiMetrics(config.metrics().namespace(), config.metrics().serviceName(), Clock.systemUTC()));
  }

  public ApiHandler(SupportConfig config, DynamoDbClient dynamoDb, Clock clock, ApiMetrics metrics) {
    this(config, dynamoDb, clock, metrics, knowledgeBaseOnFirstUse(config));
  }

  private ApiHandler(
      SupportConfig config, DynamoDbClient dynamoDb, Clock clock, ApiMetrics metrics, Assistant assistant) {
    this(wire(config, dynamoDb, clock, metrics, assistant), metrics, assistant);
  }

  /** Takes its collaborators: what tests use. */
  public ApiHandler(HttpApi api, ApiMetrics metrics, Assistant assistant) {
    this.api = api;
    this.metrics = metrics;
    this.assistant = assistant;
  }

  /**
   * The knowledge base is indexed on the first assistant request (or the SnapStart warm-up), not
   * at every cold start: most requests are ticket routes (docs/performance.md has the figures).
   */
  private static Assistant knowledgeBaseOnFirstUse(SupportConfig config) {
    return new LazyAssistant(() -> Assistants.create(config));
  }

  public static HttpApi wire(
      SupportConfig config, DynamoDbClient dynamoDb, Clock clock, ApiMetrics metrics) {
    return wire(config, dynamoDb, clock, metrics, knowledgeBaseOnFirstUse(config));
  }

  static HttpApi wire(
      SupportConfig config, DynamoDbClient dynamoDb, Clock clock, ApiMetrics metrics, Assistant answering) {
    var tables = config.tables();
    Supplier<String> ids = () -> UUID.randomUUID().toString();
    var files = S3Clients.fileStorage(config, S3Clients.client(config), S3Clients.presigner(config), clock);
    RateLimiter limits = new RateLimiter(
        new DynamoDbRateLimitStore(dynamoDb, tables.idempotency()), clock, config.limits().perHour());
    var repository = new DynamoDbTicketRepository(dynamoDb, tables);
    var attachmentStore = new DynamoDbAttachmentStore(dynamoDb, tables.attachments());
    var roster = new DynamoDbAgentRoster(dynamoDb, tables.agents());
    var userDirectory = new DynamoDbUserDirectory(dynamoDb, tables.users());
    TicketService tickets =
        new TicketService(
            repository,
            userDirectory,
            new CursorCodec(config.jwt().requireSecret()),
            clock,
            ids,
            config.api().attachmentUrlPrefixes(),
            limits,
            roster,
            attachmentStore);
    AssistantService assistant = new AssistantService(answering, tickets, repository, clock, ids, limits);
    var cannedResponses = new CannedResponseService(
        new DynamoDbCannedResponseStore(dynamoDb, tables.cannedResponses()), tickets, userDirectory, clock, ids);
    return new HttpApi(
        tickets,
        assistant,
        cannedResponses,
        new AgentService(roster, userDirectory, config.assignment().autoAssign()
            ? new com.commercive.support.service.AssignmentService(repository, roster, clock) : null),
        new AttachmentService(attachmentStore, files, tickets, repository, clock, ids, config.attachments().policy(),
            limits),
        new RealtimeService(new DynamoDbRealtimeStore(dynamoDb, tables.connections()), tickets, clock, ids),
        config.realtime().clientUrl(),
        new IdempotencyService(new DynamoDbClaimStore(dynamoDb, tables.idempotency()), clock),
        new JwtAuthenticator(config.jwt().requireSecret(), config.jwt().issuer(), config.jwt().audience(),
            config.jwt().maxTimeToLive(), clock),
        new CorsPolicy(config.api().corsAllowedOrigins()),
        metrics);
  }

  /**
   * Serves read-only requests through every layer (JWT, routing, DynamoDB, JSON) as a user who
   * owns nothing, builds the assistant, and forgets the metrics this counted: SnapStart runs it
   * before its snapshot, so restored environments serve their first request warm.
   */
  void warmUp(byte[] jwtSecret) {
    String token = JWT.create().withSubject(WarmUp.ID)
        .withExpiresAt(Instant.now().plus(Duration.ofDays(1))).sign(Algorithm.HMAC256(jwtSecret));
    api.handle(warmUpRequest("/support/health", null));
    api.handle(warmUpRequest("/support/tickets/" + WarmUp.ID, token));
    api.handle(warmUpRequest("/support/tickets", token));
    assistant.warmUp();
    metrics.discard();
  }

  private static HttpRequest warmUpRequest(String path, String token) {
    Map<String, String> headers = token == null ? Map.of() : Map.of("authorization", "Bearer " + token);
    APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRawPath(path)
        .withRawQueryString("").withHeaders(headers)
        .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId("snapstart-warm-up")
            .withStage("$default").withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                .withMethod("GET").withPath(path).build()).build())
        .build();
    return ApiGatewayEvents.toRequest(event, "snapstart-warm-up");
  }

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    return InvocationLogContext.around(
        context,
        () -> {
          try {
            HttpRequest request = ApiGatewayEvents.toRequest(event, context.getAwsRequestId());
            return ApiGatewayEvents.toEvent(api.handle(request));
          } finally {
            metrics.flush();
          }
        });
  }
}
