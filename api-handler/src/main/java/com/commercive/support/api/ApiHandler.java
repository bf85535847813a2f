package com.commercive.support.api;

import com.commercive.support.domain.WarmUp;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.commercive.support.assistant.Assistant;
import com.commercive.support.config.SupportConfig;
import com.commercive.support.lambda.SnapStartPriming;
import com.commercive.support.logging.InvocationLogContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The API Lambda: translates the HTTP API / Function URL event and hands it to {@link HttpApi}.
 */
public final class ApiHandler
    implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

  private final HttpApi api;
  private final ApiMetrics metrics;
  private final Assistant assistant;
  private final byte[] jwtSecret;

  /**
   * What Lambda calls: wires the real adapters from the environment, once per cold start, and
   * registers the warm-up SnapStart runs before its snapshot.
   */
  public ApiHandler() {
    this(ApiWiring.from(JwtSecrets.resolve(SupportConfig.fromEnvironment())));
    SnapStartPriming.register("api-handler", this::warmUp);
  }

  /** Takes its collaborators: what tests and the local runner use. */
  public ApiHandler(ApiWiring parts) {
    this.api = parts.api();
    this.metrics = parts.metrics();
    this.assistant = parts.assistant();
    this.jwtSecret = parts.jwtSecret();
  }

  /**
   * Serves read-only requests through every layer (JWT, routing, DynamoDB, JSON) as a user who
   * owns nothing, builds the assistant, and forgets the metrics this counted: SnapStart runs it
   * before its snapshot, so restored environments serve their first request warm.
   */
  void warmUp() {
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
