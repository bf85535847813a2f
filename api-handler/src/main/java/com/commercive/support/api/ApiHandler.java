package com.commercive.support.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.commercive.support.assistant.Assistants;
import com.commercive.support.assistant.LazyAssistant;
import com.commercive.support.config.AwsClients;
import com.commercive.support.config.SupportConfig;
import com.commercive.support.service.AssistantService;
import com.commercive.support.service.CursorCodec;
import com.commercive.support.service.RateLimiter;
import com.commercive.support.store.dynamodb.DynamoDbRateLimitStore;
import com.commercive.support.service.IdempotencyService;
import com.commercive.support.service.TicketService;
import com.commercive.support.store.dynamodb.DynamoDbIdempotencyStore;
import com.commercive.support.store.dynamodb.DynamoDbTicketRepository;
import com.commercive.support.store.dynamodb.DynamoDbUserDirectory;
import com.commercive.support.logging.InvocationLogContext;
import java.time.Clock;
import java.util.UUID;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The API Lambda: translates the HTTP API / Function URL event and hands it to {@link HttpApi}.
 */
public final class ApiHandler
    implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

  private final HttpApi api;
  private final ApiMetrics metrics;

  /** What Lambda calls: wires the real adapters from the environment, once per cold start. */
  public ApiHandler() {
    this(JwtSecrets.resolve(SupportConfig.fromEnvironment()));
  }

  /** Wires the real adapters from {@code config} (the local runner's way in). */
  public ApiHandler(SupportConfig config) {
    this(config, AwsClients.dynamoDb(config), Clock.systemUTC(),
        new EmfApiMetrics(config.metricsNamespace(), config.serviceName(), Clock.systemUTC()));
  }

  public ApiHandler(SupportConfig config, DynamoDbClient dynamoDb, Clock clock, ApiMetrics metrics) {
    this(wire(config, dynamoDb, clock, metrics), metrics);
  }

  /** Takes its collaborators: what tests use. */
  public ApiHandler(HttpApi api, ApiMetrics metrics) {
    this.api = api;
    this.metrics = metrics;
  }

  public static HttpApi wire(
      SupportConfig config, DynamoDbClient dynamoDb, Clock clock, ApiMetrics metrics) {
    var tables = config.tables();
    Supplier<String> ids = () -> UUID.randomUUID().toString();
    RateLimiter limits = RateLimiter.of(
        new DynamoDbRateLimitStore(dynamoDb, tables.idempotency()), clock, config.limits());
    var repository = new DynamoDbTicketRepository(dynamoDb, tables.tickets(), tables.messages());
    TicketService tickets =
        new TicketService(
            repository,
            new DynamoDbUserDirectory(dynamoDb, tables.users()),
            new CursorCodec(config.requireJwtSecret()),
            clock,
            ids,
            config.attachmentUrlPrefixes(),
            limits);
    // The knowledge base is indexed on the first assistant request, not at every cold start:
    // most requests are ticket routes (docs/performance.md has the figures).
    AssistantService assistant = new AssistantService(
        new LazyAssistant(() -> Assistants.create(config)), tickets, repository, clock, ids, limits);
    return new HttpApi(
        tickets,
        assistant,
        new IdempotencyService(new DynamoDbIdempotencyStore(dynamoDb, tables.idempotency()), clock),
        new JwtAuthenticator(config.requireJwtSecret(), config.jwtIssuer(), config.jwtAudience(), clock),
        new CorsPolicy(config.corsAllowedOrigins()),
        metrics);
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
