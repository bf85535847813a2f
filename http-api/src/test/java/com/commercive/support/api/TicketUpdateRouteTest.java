package com.commercive.support.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code PATCH /support/tickets/{id}} through the Lambda event: versions, ETags and who may change what. */
class TicketUpdateRouteTest extends ApiTestSupport {
  APIGatewayV2HTTPResponse patch(String token, String id, String body, String ifMatch) {
    APIGatewayV2HTTPEvent event = event("PATCH", "/support/tickets/" + id, token, body);
    if (ifMatch != null) {
      event.setHeaders(new HashMap<>(event.getHeaders()));
      event.getHeaders().put("if-match", ifMatch);
    }
    return send(event);
  }

  @Test
  void anAdminChangesStatusAndPriorityAndGetsTheNewVersionAsETag() {
    String id = createTicket(USER);
    APIGatewayV2HTTPResponse read = send("GET", "/support/tickets/" + id, ADMIN, null);
    String etag = header(read, "ETag");
    assertThat(etag).isEqualTo("\"" + json(read).at("/ticket/version").asLong() + "\"");

    APIGatewayV2HTTPResponse changed = patch(ADMIN, id, "{\"status\":\"pending\",\"priority\":\"high\"}", etag);
    assertThat(changed.getStatusCode()).as(changed.getBody()).isEqualTo(200);
    assertThat(json(changed).at("/ticket/status").asText()).isEqualTo("pending");
    assertThat(json(changed).at("/ticket/priority").asText()).isEqualTo("high");
    assertThat(json(changed).at("/ticket/priority_source").asText()).isEqualTo("agent");
    long version = json(changed).at("/ticket/version").asLong();
    assertThat(version).isEqualTo(json(read).at("/ticket/version").asLong() + 1);
    assertThat(header(changed, "ETag")).isEqualTo("\"" + version + "\"");
    assertThat(json(send("GET", "/support/tickets/" + id, USER, null)).at("/ticket/priority").asText())
        .isEqualTo("high");
  }

  @Test
  void aStaleIfMatchIs412AndChangesNothing() {
    String id = createTicket(USER);
    String etag = header(send("GET", "/support/tickets/" + id, ADMIN, null), "ETag");
    send("POST", "/support/tickets/" + id + "/messages", USER, "{\"message\":\"Any news?\"}");

    APIGatewayV2HTTPResponse stale = patch(ADMIN, id, "{\"status\":\"closed\"}", etag);
    assertProblem(stale, 412);
    assertThat(json(stale).get("type").asText()).endsWith("/version-mismatch");
    assertThat(json(send("GET", "/support/tickets/" + id, ADMIN, null)).at("/ticket/status").asText())
        .isEqualTo("open");
    assertThat(patch(ADMIN, id, "{\"status\":\"closed\"}", "*").getStatusCode()).isEqualTo(200);
  }

  @Test
  void theOwnerMayCloseOnlyAndAnotherMerchantNothing() {
    String id = createTicket(USER);
    assertProblem(patch(USER, id, "{\"priority\":\"high\"}", null), 403);
    assertProblem(patch(USER, id, "{\"status\":\"pending\"}", null), 403);
    assertProblem(patch(OTHER, id, "{\"status\":\"closed\"}", null), 403);
    assertProblem(patch(ADMIN, "no-such-ticket", "{\"status\":\"closed\"}", null), 404);
    APIGatewayV2HTTPResponse solved = patch(USER, id, "{\"status\":\"closed\"}", null);
    assertThat(solved.getStatusCode()).isEqualTo(200);
    assertThat(json(solved).at("/ticket/status").asText()).isEqualTo("closed");
  }

  @Test
  void badBodiesAndIfMatchValuesAreProblemsNamingTheField() {
    String id = createTicket(USER);
    record Case(String body, String ifMatch, List<String> fields) {}
    for (Case bad : List.of(
        new Case("{}", null, List.of("body")),
        new Case("{\"status\":\"solved\"}", null, List.of("status")),
        new Case("{\"priority\":\"HIGH\"}", null, List.of("priority")),
        new Case("{\"priority\":null}", null, List.of("priority")),
        new Case("{\"status\":3}", null, List.of("status")),
        new Case("{\"assignee\":\"a\"}", null, List.of("assignee")),
        new Case("{\"status\":\"closed\"}", "7", List.of("If-Match")),
        new Case("{\"status\":\"closed\"}", "\"1\" \"2\"", List.of("If-Match")),
        new Case("{\"status\":\"closed\"}", ",", List.of("If-Match")),
        new Case("[1]", null, List.of("body")))) {
      APIGatewayV2HTTPResponse response = patch(ADMIN, id, bad.body(), bad.ifMatch());
      assertProblem(response, 400);
      assertThat(errorFields(response)).as(bad.toString()).containsExactlyInAnyOrderElementsOf(bad.fields());
    }
    assertThat(json(send("GET", "/support/tickets/" + id, ADMIN, null)).at("/ticket/version").asLong()).isEqualTo(1);
  }

  @Test
  void ifMatchComparesAsRfc9110SaysAWeakTagNeverMatchesAndAListMatchesByAnyMember() {
    String id = createTicket(USER);
    long version = json(send("GET", "/support/tickets/" + id, ADMIN, null)).at("/ticket/version").asLong();

    // A weak tag never matches for If-Match, even of the current version; nor does a tag not ours.
    for (String stale : List.of("W/\"" + version + "\"", "\"abc\"", "W/\"0\", \"abc\"", "\"" + (version + 5) + "\"")) {
      APIGatewayV2HTTPResponse refused = patch(ADMIN, id, "{\"priority\":\"high\"}", stale);
      assertProblem(refused, 412);
    }
    assertThat(json(send("GET", "/support/tickets/" + id, ADMIN, null)).at("/ticket/version").asLong())
        .isEqualTo(version);

    // A list matches when any strong member is the current version.
    APIGatewayV2HTTPResponse listed = patch(ADMIN, id, "{\"priority\":\"high\"}",
        "\"0\", W/\"" + version + "\" ,\"" + version + "\"");
    assertThat(listed.getStatusCode()).as(listed.getBody()).isEqualTo(200);
    assertThat(json(listed).at("/ticket/version").asLong()).isEqualTo(version + 1);
    APIGatewayV2HTTPResponse any = patch(ADMIN, id, "{\"priority\":\"low\"}", "*");
    assertThat(any.getStatusCode()).isEqualTo(200);
  }

  @Test
  void anAdminAssignsToAnAgentOnTheRosterAndUnassigns() {
    String id = createTicket(USER);
    send("PUT", "/support/admin/agents/me", ADMIN, "{\"available\":true,\"max_open\":3}");
    APIGatewayV2HTTPResponse assigned = patch(ADMIN, id, "{\"assignee_id\":\"admin-1\"}", null);
    assertThat(assigned.getStatusCode()).as(assigned.getBody()).isEqualTo(200);
    assertThat(json(assigned).at("/ticket/assignee_id").asText()).isEqualTo("admin-1");
    assertThat(json(assigned).at("/ticket/assignee_name").asText()).isEqualTo("Alex Support");

    APIGatewayV2HTTPResponse unknown = patch(ADMIN, id, "{\"assignee_id\":\"user-1\"}", null);
    assertProblem(unknown, 400);
    assertThat(errorFields(unknown)).containsExactly("assignee_id");
    assertProblem(patch(USER, id, "{\"assignee_id\":null}", null), 403);
    assertProblem(patch(ADMIN, id, "{\"assignee_id\":5}", null), 400);

    assertThat(json(send("GET", "/support/admin/tickets?assignee=me", ADMIN, null)).at("/tickets/0/ticket_id").asText())
        .isEqualTo(id);
    assertThat(json(send("GET", "/support/admin/tickets?assignee=none&status=open", ADMIN, null)).get("tickets"))
        .noneMatch(t -> t.get("ticket_id").asText().equals(id));
    APIGatewayV2HTTPResponse badFilter = send("GET", "/support/admin/tickets?assignee=a%20b", ADMIN, null);
    assertProblem(badFilter, 400);
    assertThat(errorFields(badFilter)).containsExactly("assignee");

    APIGatewayV2HTTPResponse unassigned = patch(ADMIN, id, "{\"assignee_id\":null}", null);
    assertThat(json(unassigned).at("/ticket/assignee_id").isNull()).isTrue();
    assertThat(json(unassigned).at("/ticket/version").asLong())
        .isEqualTo(json(assigned).at("/ticket/version").asLong() + 1);
  }

  @Test
  void everyResponseWithOneTicketCarriesItsETag() {
    APIGatewayV2HTTPResponse created = send("POST", "/support/tickets", USER, "{\"subject\":\"ETag check\"}");
    String id = json(created).at("/ticket/ticket_id").asText();
    assertThat(header(created, "ETag")).isEqualTo("\"0\"");
    APIGatewayV2HTTPResponse posted = send("POST", "/support/tickets/" + id + "/messages", USER, "{\"message\":\"Hi\"}");
    assertThat(header(posted, "ETag")).isEqualTo("\"1\"");
    assertThat(json(posted).at("/message/internal").asBoolean()).isFalse();
    assertThat(json(posted).at("/message/attachments").isArray()).isTrue();
    assertThat(header(send("GET", "/support/tickets/" + id + "/messages", USER, null), "ETag")).isEqualTo("\"1\"");
  }
}
