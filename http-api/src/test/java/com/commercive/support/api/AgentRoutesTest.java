package com.commercive.support.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The roster through the Lambda event. */
class AgentRoutesTest extends ApiTestSupport {
  @Test
  void anAdminPutsThemselvesAndColleaguesOnTheRoster() {
    APIGatewayV2HTTPResponse me = send("PUT", "/support/admin/agents/me", ADMIN, "{\"available\":true,\"max_open\":5}");
    assertThat(me.getStatusCode()).as(me.getBody()).isEqualTo(200);
    assertThat(json(me).at("/agent/agent_id").asText()).isEqualTo("admin-1");
    assertThat(json(me).at("/agent/name").asText()).isEqualTo("Alex Support");
    assertThat(json(me).at("/agent/open_assigned").asInt()).isZero();

    APIGatewayV2HTTPResponse away = send("PUT", "/support/admin/agents/admin-1", ADMIN,
        "{\"available\":false,\"max_open\":200}");
    assertThat(json(away).at("/agent/available").asBoolean()).isFalse();
    assertThat(json(send("GET", "/support/admin/agents", ADMIN, null)).get("agents")).hasSize(1);
  }

  @Test
  void onlyTheTeamIsOnTheRosterAndOnlyAdminsChangeIt() {
    APIGatewayV2HTTPResponse merchant = send("PUT", "/support/admin/agents/user-1", ADMIN,
        "{\"available\":true,\"max_open\":5}");
    assertProblem(merchant, 400);
    assertThat(errorFields(merchant)).containsExactly("agent_id");
    assertProblem(send("PUT", "/support/admin/agents/unknown-user", ADMIN, "{\"available\":true,\"max_open\":5}"), 400);
    assertProblem(send("PUT", "/support/admin/agents/me", USER, "{\"available\":true,\"max_open\":5}"), 403);
    assertProblem(send("GET", "/support/admin/agents", USER, null), 403);
    assertThat(json(send("GET", "/support/admin/agents", ADMIN, null)).get("agents")).isEmpty();
  }

  @Test
  void badSettingsNameTheField() {
    record Case(String body, List<String> fields) {}
    for (Case bad : List.of(
        new Case("{\"available\":true,\"max_open\":0}", List.of("max_open")),
        new Case("{\"available\":true,\"max_open\":201}", List.of("max_open")),
        new Case("{\"available\":\"yes\",\"max_open\":2.5}", List.of("available", "max_open")),
        new Case("{\"max_open\":3}", List.of("available")),
        new Case("{\"available\":true,\"max_open\":3,\"open_assigned\":0}", List.of("open_assigned")))) {
      APIGatewayV2HTTPResponse response = send("PUT", "/support/admin/agents/me", ADMIN, bad.body());
      assertProblem(response, 400);
      assertThat(errorFields(response)).as(bad.body()).containsExactlyInAnyOrderElementsOf(bad.fields());
    }
    assertThat(roster.list()).isEmpty();
  }
}
