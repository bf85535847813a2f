package com.commercive.support.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Internal notes through the Lambda event: the team's, never in what the ticket's owner reads. */
class InternalNotesRouteTest extends ApiTestSupport {
  List<String> thread(String id, String token) {
    List<String> texts = new ArrayList<>();
    json(send("GET", "/support/tickets/" + id + "/messages", token, null)).get("messages")
        .forEach(m -> texts.add(m.get("message").asText() + (m.get("internal").asBoolean() ? " (note)" : "")));
    return texts;
  }

  @Test
  void aNoteIsInTheTeamsThreadOnlyAndLeavesTheTicketAsTheOwnerSawIt() {
    String id = createTicket(USER);
    APIGatewayV2HTTPResponse before = send("GET", "/support/tickets/" + id, USER, null);

    APIGatewayV2HTTPResponse note = send("POST", "/support/tickets/" + id + "/messages", ADMIN,
        "{\"message\":\"Merchant is a VIP, reply within the hour\",\"internal\":true}");
    assertThat(note.getStatusCode()).isEqualTo(201);
    assertThat(json(note).at("/message/internal").asBoolean()).isTrue();

    APIGatewayV2HTTPResponse after = send("GET", "/support/tickets/" + id, USER, null);
    assertThat(json(after).get("ticket")).isEqualTo(json(before).get("ticket"));
    assertThat(header(after, "ETag")).isEqualTo(header(before, "ETag"));
    assertThat(thread(id, USER)).containsExactly("Since yesterday");
    assertThat(thread(id, ADMIN)).containsExactly("Since yesterday", "Merchant is a VIP, reply within the hour (note)");
    JsonNode listed = json(send("GET", "/support/tickets", USER, null)).at("/tickets/0");
    assertThat(listed.get("message_count").asLong()).isEqualTo(1);
    assertThat(listed.at("/last_message/preview").asText()).isEqualTo("Since yesterday");
  }

  @Test
  void aMerchantCannotWriteOneAndANoteCannotClose() {
    String id = createTicket(USER);
    assertProblem(send("POST", "/support/tickets/" + id + "/messages", USER,
        "{\"message\":\"psst\",\"internal\":true}"), 403);
    APIGatewayV2HTTPResponse closing = send("POST", "/support/tickets/" + id + "/messages", ADMIN,
        "{\"message\":\"done\",\"internal\":true,\"close_ticket\":true}");
    assertProblem(closing, 400);
    assertThat(errorFields(closing)).containsExactly("close_ticket");
    assertProblem(send("POST", "/support/tickets/" + id + "/messages", ADMIN,
        "{\"message\":\"x\",\"internal\":\"yes\"}"), 400);
    assertThat(thread(id, ADMIN)).containsExactly("Since yesterday");
  }
}
