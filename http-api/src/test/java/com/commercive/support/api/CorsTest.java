package com.commercive.support.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class CorsTest extends ApiTestSupport {
  @Test
  void aDisallowedOriginGetsNoGrantOnAnyResponse() {
    for (String path : List.of("/support/health", "/support/tickets", "/support/nope")) {
      APIGatewayV2HTTPEvent event = event("GET", path, null, null);
      event.getHeaders().put("origin", "https://evil.example");
      APIGatewayV2HTTPResponse response = send(event);
      assertThat(header(response, "Access-Control-Allow-Origin")).as(path).isNull();
      assertThat(header(response, "Access-Control-Allow-Credentials")).isNull();
      assertThat(header(response, "Vary")).isEqualTo("Origin");
    }
    APIGatewayV2HTTPEvent preflight = event("OPTIONS", "/support/tickets", null, null);
    preflight.getHeaders().put("origin", "https://evil.example");
    APIGatewayV2HTTPResponse response = send(preflight);
    assertThat(response.getStatusCode()).isEqualTo(204);
    assertThat(header(response, "Access-Control-Allow-Origin")).isNull();
  }

  @Test
  void aWildcardNeverAllowsCredentials() {
    ApiTestSupport open = new ApiTestSupport(List.of("*"), null);
    APIGatewayV2HTTPResponse response = open.send("GET", "/support/health", null, null);
    assertThat(header(response, "Access-Control-Allow-Origin")).isEqualTo("*");
    assertThat(header(response, "Access-Control-Allow-Credentials")).isNull();
  }

  @Test
  void preflightsWorkOnAnySupportPath() {
    APIGatewayV2HTTPResponse response = send("OPTIONS", "/support/anything/at/all", null, null);
    assertThat(response.getStatusCode()).isEqualTo(204);
    assertThat(header(response, "Access-Control-Allow-Origin")).isEqualTo("http://localhost:3000");
    assertThat(send("OPTIONS", "/elsewhere", null, null).getStatusCode()).isEqualTo(404);
  }
}
