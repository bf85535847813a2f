package com.commercive.support.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The ticket's service-quality fields as each caller sees them, and the owner's rating, checked against the OpenAPI document. */
class ServiceQualityRoutesTest extends ApiTestSupport {

  String closedTicket() {
    String id = createTicket(USER);
    assertThat(send("PATCH", "/support/tickets/" + id, ADMIN, "{\"status\":\"closed\"}").getStatusCode()).isEqualTo(200);
    return id;
  }

  @Test
  void theServiceLevelsAreTheTeamsOnlyAndEveryOtherFieldIsAlwaysThere() {
    String id = json(send("POST", "/support/tickets", USER,
        "{\"subject\":\"Invoice address\",\"message\":\"How do I change the address on my invoices?\"}"))
        .at("/ticket/ticket_id").asText();
    JsonNode asOwner = json(send("GET", "/support/tickets/" + id, USER, null)).get("ticket");
    assertThat(asOwner.has("sla")).isFalse();
    assertThat(asOwner.get("resolved_by").isNull()).isTrue();
    assertThat(asOwner.get("satisfaction").isNull()).isTrue();

    JsonNode asTeam = json(send("GET", "/support/tickets/" + id, ADMIN, null)).get("ticket");
    // Medium: the first reply is due in 4 hours, resolution in 72.
    assertThat(asTeam.at("/sla/first_response_due_at").asText()).isEqualTo("2026-11-24T14:15:30.123Z");
    assertThat(asTeam.at("/sla/resolution_due_at").asText()).isEqualTo("2026-11-27T10:15:30.123Z");
    assertThat(asTeam.at("/sla/first_responded_at").isNull()).isTrue();
    assertThat(asTeam.at("/sla/next_response_due_at").isNull()).isTrue();
    assertThat(asTeam.at("/sla/breached").isEmpty()).isTrue();
    JsonNode listed = json(send("GET", "/support/admin/tickets", ADMIN, null)).at("/tickets/0");
    assertThat(listed.has("sla")).isTrue();
    assertThat(json(send("GET", "/support/tickets", USER, null)).at("/tickets/0").has("sla")).isFalse();
  }

  @Test
  void anUrgentOpeningIsRaisedAndItsClocksRunAtTheRaisedPriority() {
    JsonNode created = json(send("POST", "/support/tickets", USER,
        "{\"subject\":\"Orders not syncing\",\"priority\":\"low\",\"message\":\"none of today's orders show up\"}"))
        .get("ticket");
    assertThat(created.get("priority").asText()).isEqualTo("high");
    assertThat(created.get("priority_source").asText()).isEqualTo("auto");
    assertThat(created.get("priority_reason").asText()).isEqualTo("orders are not going through");
    JsonNode asTeam = json(send("GET", "/support/tickets/" + created.get("ticket_id").asText(), ADMIN, null))
        .get("ticket");
    assertThat(asTeam.at("/sla/first_response_due_at").asText()).isEqualTo("2026-11-24T11:15:30.123Z");
  }

  @Test
  void closingRecordsWhoResolvedItAndTheOwnerRatesItOnce() {
    String id = createTicket(USER);
    send("POST", "/support/tickets/" + id + "/messages", ADMIN, "{\"message\":\"Fixed on our side.\"}");
    JsonNode replied = json(send("GET", "/support/tickets/" + id, ADMIN, null)).get("ticket");
    assertThat(replied.at("/sla/first_responded_at").asText()).isNotEmpty();
    JsonNode closed = json(send("PATCH", "/support/tickets/" + id, USER, "{\"status\":\"closed\"}")).get("ticket");
    assertThat(closed.get("resolved_by").asText()).isEqualTo("agent");

    APIGatewayV2HTTPResponse rated = send("POST", "/support/tickets/" + id + "/satisfaction", USER,
        "{\"rating\":4,\"comment\":\"  Quick and kind.  \"}");
    assertThat(rated.getStatusCode()).as(rated.getBody()).isEqualTo(201);
    assertThat(json(rated).at("/ticket/satisfaction/rating").asInt()).isEqualTo(4);
    assertThat(json(rated).at("/ticket/satisfaction/comment").asText()).isEqualTo("Quick and kind.");
    assertThat(header(rated, "ETag")).isEqualTo("\"" + json(rated).at("/ticket/version").asLong() + "\"");

    assertProblem(send("POST", "/support/tickets/" + id + "/satisfaction", USER, "{\"rating\":5}"), 409);
    assertThat(json(send("GET", "/support/tickets/" + id, USER, null)).at("/ticket/satisfaction/rating").asInt())
        .isEqualTo(4);
  }

  @Test
  void aTicketNoAgentRepliedToInPublicIsResolvedByTheAssistantUntilItReopens() {
    String id = closedTicket();
    assertThat(json(send("GET", "/support/tickets/" + id, USER, null)).at("/ticket/resolved_by").asText())
        .isEqualTo("ai");
    JsonNode reopened = json(send("POST", "/support/tickets/" + id + "/messages", USER, "{\"message\":\"Again.\"}"))
        .get("ticket");
    assertThat(reopened.get("status").asText()).isEqualTo("open");
    assertThat(reopened.get("resolved_by").isNull()).isTrue();
  }

  @Test
  void onlyTheOwnerRatesOnlyAClosedTicketAndOnlyAValidRating() {
    String open = createTicket(USER);
    assertProblem(send("POST", "/support/tickets/" + open + "/satisfaction", USER, "{\"rating\":5}"), 409);

    String closed = closedTicket();
    assertProblem(send("POST", "/support/tickets/" + closed + "/satisfaction", ADMIN, "{\"rating\":5}"), 403);
    assertProblem(send("POST", "/support/tickets/" + closed + "/satisfaction", OTHER, "{\"rating\":5}"), 403);
    assertProblem(send("POST", "/support/tickets/nope/satisfaction", USER, "{\"rating\":5}"), 404);
    for (String bad : new String[] {"{\"rating\":0}", "{\"rating\":6}", "{\"rating\":4.5}", "{\"rating\":\"5\"}", "{}",
        "{\"rating\":3,\"stars\":3}"}) {
      APIGatewayV2HTTPResponse refused = send("POST", "/support/tickets/" + closed + "/satisfaction", USER, bad);
      assertProblem(refused, 400);
      assertThat(errorFields(refused)).as(bad).isNotEmpty();
    }
    APIGatewayV2HTTPResponse tooLong = send("POST", "/support/tickets/" + closed + "/satisfaction", USER,
        "{\"rating\":3,\"comment\":\"" + "x".repeat(2001) + "\"}");
    assertProblem(tooLong, 400);
    assertThat(errorFields(tooLong)).containsExactly("comment");
    assertThat(send("POST", "/support/tickets/" + closed + "/satisfaction", USER, "{\"rating\":1,\"comment\":null}")
        .getStatusCode()).isEqualTo(201);
  }
}
