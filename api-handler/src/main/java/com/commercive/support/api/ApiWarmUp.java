package com.commercive.support.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.commercive.support.domain.WarmUp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * What SnapStart runs before the API function's snapshot: read-only requests through every
 * layer (JWT, routing, DynamoDB, JSON) as a user who owns nothing, and the metrics this counted
 * forgotten, so restored environments serve their first request warm.
 */
final class ApiWarmUp {
  private ApiWarmUp() {}

  static void run(ApiWiring parts) {
    String token = JWT.create().withSubject(WarmUp.ID)
        .withExpiresAt(Instant.now().plus(Duration.ofDays(1))).sign(Algorithm.HMAC256(parts.jwtSecret()));
    parts.api().handle(request("/support/health", null));
    parts.api().handle(request("/support/tickets/" + WarmUp.ID, token));
    parts.api().handle(request("/support/tickets", token));
    parts.metrics().discard();
  }

  private static HttpRequest request(String path, String token) {
    Map<String, String> headers = token == null ? Map.of() : Map.of("authorization", "Bearer " + token);
    APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRawPath(path)
        .withRawQueryString("").withHeaders(headers)
        .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId("snapstart-warm-up")
            .withStage("$default").withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                .withMethod("GET").withPath(path).build()).build())
        .build();
    return ApiGatewayEvents.toRequest(event, "snapstart-warm-up");
  }
}
