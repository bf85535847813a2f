package com.commercive.support.api;

import com.commercive.support.service.RateLimiter;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.commercive.support.realtime.RealtimeService;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The live updates' token through the Lambda event, checked against the OpenAPI document. */
class RealtimeTokenRouteTest extends ApiTestSupport {
  @Test
  void anyUserGetsASingleUseTokenForTheWebSocketApi() {
    APIGatewayV2HTTPResponse response = send("POST", "/support/realtime/token", USER, null);

    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(201);
    JsonNode body = json(response);
    assertThat(body.get("url").asText()).isEqualTo("wss://live.example.com/prod");
    assertThat(body.get("expires_at").asText()).isEqualTo("2026-11-24T10:16:30.123Z");
    String token = body.get("token").asText();
    assertThat(token).hasSizeGreaterThanOrEqualTo(40);

    RealtimeService realtime = new RealtimeService(realtimeStore, null, RateLimiter.unlimited(), 10, clock, () -> UUID.randomUUID().toString());
    assertThat(realtime.connect("c-1", token)).hasValueSatisfying(c -> assertThat(c.userId()).isEqualTo("user-1"));
    assertThat(realtime.connect("c-2", token)).isEmpty();
    assertThat(send("POST", "/support/realtime/token", USER, null).getBody()).doesNotContain(token);
  }

  @Test
  void theTokenRouteTakesNoFieldsAndRefusesOnesItDoesNotKnowAsEveryRouteDoes() {
    assertThat(send("POST", "/support/realtime/token", USER, "{}").getStatusCode()).isEqualTo(201);
    APIGatewayV2HTTPResponse unknown = send("POST", "/support/realtime/token", USER, "{\"ticket_id\":\"t-1\"}");
    assertProblem(unknown, 400);
    assertThat(errorFields(unknown)).containsExactly("ticket_id");
    assertProblem(send("POST", "/support/realtime/token", USER, "[1]"), 400);
  }

  @Test
  void theEleventhConnectionOfOneUserIsRefusedWithRetryAfter() {
    for (int i = 0; i < 10; i++) {
      assertThat(send("POST", "/support/realtime/token", USER, null).getStatusCode()).isEqualTo(201);
    }
    APIGatewayV2HTTPResponse refused = send("POST", "/support/realtime/token", USER, null);

    assertProblem(refused, 429);
    assertThat(refused.getHeaders()).containsEntry("Retry-After", "60");
    assertThat(json(refused).get("detail").asText()).contains("at most 10 live connections");
    assertThat(send("POST", "/support/realtime/token", ADMIN, null).getStatusCode()).as("another user").isEqualTo(201);
  }

  @Test
  void withoutATokenOfTheApiThereIsNone() {
    assertProblem(send("POST", "/support/realtime/token", null, null), 401);
  }
}
