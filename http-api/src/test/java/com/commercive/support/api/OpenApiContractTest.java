package com.commercive.support.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The contract check itself: it must catch a response that drifts from the document. */
class OpenApiContractTest {
  final OpenApiContract contract = OpenApiContract.load();
  static final Map<String, String> JSON = Map.of("Content-Type", "application/json; charset=utf-8");
  static final String TICKET = "{\"ticket_id\":\"t-1\",\"user_id\":\"u-1\",\"subject\":\"Hello there\",\"status\":\"open\","
      + "\"priority\":\"medium\",\"created_at\":\"2026-11-24T10:15:30.123Z\",\"updated_at\":\"2026-11-24T10:15:30.123Z\","
      + "\"message_count\":0,\"last_message\":null,\"version\":0,\"assignee_id\":null,\"assignee_name\":null,"
      + "\"priority_source\":\"user\",\"priority_reason\":null,\"resolved_by\":null,\"satisfaction\":null}";

  @Test
  void acceptsAResponseAsDocumented() {
    assertThat(contract.problems("GET", "/support/tickets/t-1", 200, JSON, "{\"ticket\":" + TICKET + "}")).isEmpty();
  }

  @Test
  void catchesAWrongBodyAnUndocumentedStatusAnUndeclaredHeaderAndAWrongType() {
    assertThat(contract.problems("GET", "/support/tickets/t-1", 200, JSON,
        "{\"ticket\":" + TICKET.replace("\"status\":\"open\"", "\"status\":\"reopened\"") + "}")).isNotEmpty();
    assertThat(contract.problems("GET", "/support/tickets/t-1", 200, JSON,
        "{\"ticket\":" + TICKET.replace("\"message_count\":0", "\"message_count\":\"none\"") + "}")).isNotEmpty();
    assertThat(contract.problems("GET", "/support/tickets/t-1", 200, JSON, "{\"ticket\":{}}")).isNotEmpty();
    assertThat(contract.problems("GET", "/support/tickets/t-1", 418, JSON, "{}")).isNotEmpty();
    assertThat(contract.problems("GET", "/support/tickets/t-1", 200,
        Map.of("Content-Type", "application/json", "Retry-After", "5"), "{\"ticket\":" + TICKET + "}")).isNotEmpty();
    assertThat(contract.problems("GET", "/support/tickets/t-1", 200, Map.of("Content-Type", "text/html"), "<p>"))
        .isNotEmpty();
    assertThat(contract.problems("PATCH", "/support/nowhere", 200, JSON, "{}")).isNotEmpty();
    assertThat(contract.problems("GET", "/support/tickets/t-1", 200, JSON,
        "{\"ticket\":" + TICKET.replace("\"resolved_by\":null", "\"resolved_by\":\"bot\"") + "}")).isNotEmpty();
    assertThat(contract.problems("GET", "/support/tickets/t-1", 200, JSON, "{\"ticket\":"
        + TICKET.replace("}", ",\"sla\":{\"breached\":[\"late\"]}}") + "}")).isNotEmpty();
  }
}
