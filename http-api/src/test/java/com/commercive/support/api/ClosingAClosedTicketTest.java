package com.commercive.support.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.junit.jupiter.api.Test;

/**
 * Closing a ticket that is closed, each way the API offers, as docs/api.md states it: a PATCH to
 * the state it is in changes nothing (200), a close with nothing else to do is a conflict (409),
 * and a reply that also asks to close is still a reply (201, the ticket stays closed).
 */
class ClosingAClosedTicketTest extends ApiTestSupport {

  @Test
  void eachWayOfClosingAClosedTicketAnswersAsDocumented() {
    String id = createTicket(USER);
    assertThat(send("POST", "/support/tickets/" + id + "/messages", ADMIN, "{\"close_ticket\":true}")
        .getStatusCode()).isEqualTo(201);
    long closedAt = json(send("GET", "/support/tickets/" + id, ADMIN, null)).at("/ticket/version").asLong();

    APIGatewayV2HTTPResponse patched = send("PATCH", "/support/tickets/" + id, ADMIN, "{\"status\":\"closed\"}");
    assertThat(patched.getStatusCode()).isEqualTo(200);
    assertThat(json(patched).at("/ticket/version").asLong()).isEqualTo(closedAt);

    APIGatewayV2HTTPResponse closeOnly =
        send("POST", "/support/tickets/" + id + "/messages", ADMIN, "{\"close_ticket\":true}");
    assertProblem(closeOnly, 409);

    APIGatewayV2HTTPResponse reply = send("POST", "/support/tickets/" + id + "/messages", ADMIN,
        "{\"message\":\"One more note for the record\",\"close_ticket\":true}");
    assertThat(reply.getStatusCode()).isEqualTo(201);
    var after = json(send("GET", "/support/tickets/" + id, ADMIN, null)).at("/ticket");
    assertThat(after.get("status").asText()).isEqualTo("closed");
    assertThat(after.get("version").asLong()).isEqualTo(closedAt + 1);
  }
}
