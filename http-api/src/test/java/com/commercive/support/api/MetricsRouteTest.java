package com.commercive.support.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The admins' metrics through the Lambda event, checked against the OpenAPI document. */
class MetricsRouteTest extends ApiTestSupport {
  @Test
  void theTeamReadsARangeOfDaysAsTheContractShapesIt() {
    metricsStore.add("e-1", LocalDate.of(2026, 11, 2), Map.of("tickets_created", 4L, "tickets_closed", 2L,
        "closed_by_ai", 1L, "first_response_minutes_1", 3L, "csat_5", 1L, "csat_3", 1L, "breaches_first_response", 1L,
        "auto_replies", 3L, "handoffs", 1L));
    metricsStore.add("e-2", LocalDate.of(2026, 11, 20), Map.of("tickets_created", 1L, "resolution_hours_8", 2L));
    metricsStore.add("e-3", LocalDate.of(2026, 12, 1), Map.of("tickets_created", 100L));

    APIGatewayV2HTTPResponse response = send("GET", "/support/admin/metrics?from=2026-11-01&to=2026-11-30", ADMIN, null);

    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
    JsonNode body = json(response);
    assertThat(body.get("from").asText()).isEqualTo("2026-11-01");
    assertThat(body.get("tickets_created").asLong()).isEqualTo(5);
    assertThat(body.at("/first_response_minutes/p50").asLong()).isEqualTo(10);
    assertThat(body.at("/resolution_hours/p90").asLong()).isEqualTo(24);
    assertThat(body.at("/ai/resolution_rate").asDouble()).isEqualTo(0.5);
    assertThat(body.at("/ai/resolved").asLong()).isEqualTo(1);
    assertThat(body.at("/csat/average").asDouble()).isEqualTo(4.0);
    assertThat(body.at("/csat/satisfied_share").asDouble()).isEqualTo(0.5);
    assertThat(body.at("/sla/first_response_breaches").asLong()).isEqualTo(1);

    JsonNode empty = json(send("GET", "/support/admin/metrics?from=2025-01-01&to=2025-01-31", ADMIN, null));
    assertThat(empty.at("/first_response_minutes/p50").isNull()).isTrue();
    assertThat(empty.at("/csat/average").isNull()).isTrue();
    assertThat(empty.at("/ai/resolution_rate").isNull()).isTrue();
  }

  @Test
  void onlyTheTeamAndOnlyAValidRangeOfAtMost92Days() {
    assertProblem(send("GET", "/support/admin/metrics?from=2026-11-01&to=2026-11-30", USER, null), 403);
    for (String query : new String[] {"", "?from=2026-11-01", "?from=2026-11-31&to=2026-12-01",
        "?from=2026-11-01&to=2026-10-01", "?from=2026-01-01&to=2026-04-03", "?from=01/11/2026&to=2026-11-30"}) {
      APIGatewayV2HTTPResponse refused = send("GET", "/support/admin/metrics" + query, ADMIN, null);
      assertProblem(refused, 400);
      assertThat(errorFields(refused)).as(query).isNotEmpty();
    }
    assertThat(send("GET", "/support/admin/metrics?from=2026-01-01&to=2026-04-02", ADMIN, null).getStatusCode())
        .as("92 days").isEqualTo(200);
  }
}
