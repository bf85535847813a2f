package com.commercive.support.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every route that takes a ticket id, for its owner, another user, an admin, and no such ticket. */
class ObjectLevelAuthorizationTest extends ApiTestSupport {
  static final String OWNER = token("user-1", false);
  static final String OTHER = token("user-2", false);
  static final String ADMIN = token("admin-1", true);

  record Route(String name, String method, Function<String, String> path, Function<String, String> body) {
    @Override
    public String toString() {
      return name;
    }
  }

  static final List<Route> ROUTES = List.of(
      new Route("GET ticket", "GET", id -> "/support/tickets/" + id, id -> null),
      new Route("GET messages", "GET", id -> "/support/tickets/" + id + "/messages", id -> null),
      new Route("POST message", "POST", id -> "/support/tickets/" + id + "/messages", id -> "{\"message\":\"hello\"}"),
      new Route("POST ai-response on ticket", "POST", id -> "/support/ai-response",
          id -> "{\"message\":\"hello\",\"ticket_id\":\"" + id + "\",\"add_to_ticket\":true}"));

  static Stream<Arguments> cases() {
    return ROUTES.stream().flatMap(route -> Stream.of(
        Arguments.of(route, "owner", OWNER, true, 0),
        Arguments.of(route, "another user", OTHER, true, 403),
        Arguments.of(route, "admin", ADMIN, true, 0),
        Arguments.of(route, "owner, no such ticket", OWNER, false, 404)));
  }

  @ParameterizedTest(name = "{0} as {1}")
  @MethodSource("cases")
  void onlyTheOwnerAndAdminsReachATicket(Route route, String who, String token, boolean exists, int refusal) {
    String id = exists
        ? json(send("POST", "/support/tickets", OWNER, "{\"subject\":\"Private ticket\",\"message\":\"secret\"}"))
            .at("/ticket/ticket_id").asText()
        : "no-such-ticket";
    int messagesBefore = repository.allMessages().size();
    var response = send(route.method(), route.path().apply(id), token, route.body().apply(id));
    if (refusal == 0) {
      assertThat(response.getStatusCode()).as(response.getBody()).isBetween(200, 201);
    } else {
      assertThat(response.getStatusCode()).isEqualTo(refusal);
      assertThat(response.getBody()).doesNotContain("secret").doesNotContain("Private ticket");
      assertThat(repository.allMessages()).hasSize(messagesBefore);
    }
  }
}
