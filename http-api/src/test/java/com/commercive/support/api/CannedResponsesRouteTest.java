package com.commercive.support.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.junit.jupiter.api.Test;

/** Canned responses through the Lambda event: the team's CRUD, and posting one filled in. */
class CannedResponsesRouteTest extends ApiTestSupport {
  static final String PATH = "/support/admin/canned-responses";

  String save(String body) {
    APIGatewayV2HTTPResponse created = send("POST", PATH, ADMIN, body);
    assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(201);
    String id = json(created).at("/canned_response/canned_response_id").asText();
    assertThat(header(created, "Location")).isEqualTo(PATH + "/" + id);
    return id;
  }

  @Test
  void theTeamKeepsItsCannedResponses() {
    String id = save("{\"title\":\"Payout delay\",\"body\":\"Hi {{customer_name}}, payouts take 3-5 days.\",\"shortcut\":\"payout\"}");
    assertThat(json(send("GET", PATH, ADMIN, null)).at("/canned_responses/0/shortcut").asText()).isEqualTo("payout");

    APIGatewayV2HTTPResponse replaced = send("PUT", PATH + "/" + id, ADMIN,
        "{\"title\":\"Payout delay\",\"body\":\"Payouts take 3 to 5 business days.\",\"shortcut\":null}");
    assertThat(replaced.getStatusCode()).isEqualTo(200);
    assertThat(json(replaced).at("/canned_response/shortcut").isNull()).isTrue();

    assertThat(send("DELETE", PATH + "/" + id, ADMIN, null).getStatusCode()).isEqualTo(204);
    assertThat(json(send("GET", PATH, ADMIN, null)).get("canned_responses")).isEmpty();
    assertProblem(send("DELETE", PATH + "/" + id, ADMIN, null), 404);
    assertProblem(send("PUT", PATH + "/" + id, ADMIN, "{\"title\":\"x\",\"body\":\"y\"}"), 404);
  }

  @Test
  void merchantsCannotSeeOrChangeThem() {
    String id = save("{\"title\":\"Hello\",\"body\":\"Hello!\"}");
    assertProblem(send("GET", PATH, USER, null), 403);
    assertProblem(send("POST", PATH, USER, "{\"title\":\"Mine\",\"body\":\"x\"}"), 403);
    assertProblem(send("PUT", PATH + "/" + id, USER, "{\"title\":\"Mine\",\"body\":\"x\"}"), 403);
    assertProblem(send("DELETE", PATH + "/" + id, USER, null), 403);
    String ticket = createTicket(USER);
    assertProblem(send("POST", "/support/tickets/" + ticket + "/messages", USER,
        "{\"canned_response_id\":\"" + id + "\"}"), 403);
  }

  @Test
  void badDraftsAreProblemsNamingTheFieldAndADuplicateShortcutIs409() {
    save("{\"title\":\"Refund\",\"body\":\"Refunds take 5 days.\",\"shortcut\":\"refund\"}");
    APIGatewayV2HTTPResponse duplicate = send("POST", PATH, ADMIN, "{\"title\":\"Again\",\"body\":\"x\",\"shortcut\":\"refund\"}");
    assertProblem(duplicate, 409);
    APIGatewayV2HTTPResponse unknown = send("POST", PATH, ADMIN, "{\"title\":\"Order\",\"body\":\"Your {{order_number}}\"}");
    assertProblem(unknown, 400);
    assertThat(errorFields(unknown)).containsExactly("body");
    assertThat(json(unknown).at("/errors/0/message").asText()).contains("{{order_number}}");
    APIGatewayV2HTTPResponse bad = send("POST", PATH, ADMIN, "{\"title\":\"\",\"body\":7,\"shortcut\":\"No Caps\",\"extra\":1}");
    assertProblem(bad, 400);
    assertThat(errorFields(bad)).contains("body", "extra");
    assertThat(json(send("GET", PATH, ADMIN, null)).get("canned_responses")).hasSize(1);
  }

  @Test
  void anAdminPostsOneFilledInAsTheirMessage() {
    String id = save("{\"title\":\"Hi\",\"body\":\"Hi {{customer_name}}, this is {{agent_name}} about {{ticket_subject}}.\"}");
    String ticket = createTicket(USER);
    APIGatewayV2HTTPResponse posted = send("POST", "/support/tickets/" + ticket + "/messages", ADMIN,
        "{\"canned_response_id\":\"" + id + "\"}");
    assertThat(posted.getStatusCode()).as(posted.getBody()).isEqualTo(201);
    assertThat(json(posted).at("/message/message").asText())
        .isEqualTo("Hi Dana Merchant, this is Alex Support about Orders not syncing.");
    assertThat(json(posted).at("/message/sender_type").asText()).isEqualTo("admin");
    assertThat(json(posted).at("/ticket/status").asText()).isEqualTo("pending");

    APIGatewayV2HTTPResponse both = send("POST", "/support/tickets/" + ticket + "/messages", ADMIN,
        "{\"canned_response_id\":\"" + id + "\",\"message\":\"and text\"}");
    assertProblem(both, 400);
    assertThat(errorFields(both)).containsExactly("canned_response_id");
    APIGatewayV2HTTPResponse missing = send("POST", "/support/tickets/" + ticket + "/messages", ADMIN,
        "{\"canned_response_id\":\"nope\"}");
    assertProblem(missing, 400);
    assertThat(errorFields(missing)).containsExactly("canned_response_id");
  }
}
