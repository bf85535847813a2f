package com.commercive.support.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.commercive.support.api.Router.Route;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouterTest {
  static final Router.Handler NOTHING = request -> new HttpResponse(204, Map.of(), "");
  final Router router = new Router(List.of(
      () -> List.of(Route.get("/tickets/{ticket_id}", NOTHING), Route.creating("PATCH", "/tickets/{ticket_id}", NOTHING)),
      () -> List.of(Route.get("/tickets/export", NOTHING),
          Route.get("/tickets/{ticket_id}/attachments/{attachment_id}", NOTHING))));

  @Test
  void handsThePathParametersToTheRoute() {
    Router.Match match = router.match("GET", "/tickets/t-1/attachments/a-2");
    assertThat(match.route().pattern()).isEqualTo("/tickets/{ticket_id}/attachments/{attachment_id}");
    assertThat(match.parameters()).containsExactly(Map.entry("ticket_id", "t-1"), Map.entry("attachment_id", "a-2"));
  }

  @Test
  void aLiteralSegmentWinsOverAParameter() {
    assertThat(router.match("GET", "/tickets/export").route().pattern()).isEqualTo("/tickets/export");
    assertThat(router.match("PATCH", "/tickets/t-1").route().method()).isEqualTo("PATCH");
  }

  @Test
  void anotherMethodIs405WithWhatIsAllowedAndAnUnknownPathIs404() {
    assertThatThrownBy(() -> router.match("DELETE", "/tickets/t-1")).isInstanceOfSatisfying(HttpRefusal.class, r -> {
      assertThat(r.status).isEqualTo(405);
      assertThat(r.headers).containsEntry("Allow", "GET, PATCH, OPTIONS");
    });
    for (String path : List.of("/tickets/t-1/nope", "/tickets//attachments/a", "/", "/tickets/t-1/attachments/")) {
      assertThatThrownBy(() -> router.match("GET", path)).as(path)
          .isInstanceOfSatisfying(HttpRefusal.class, r -> assertThat(r.status).isEqualTo(404));
    }
  }

  @Test
  void twoRoutesForTheSameMethodAndPathAreAMistakeCaughtAtStart() {
    assertThatThrownBy(() -> new Router(List.of(() -> List.of(Route.get("/a", NOTHING)),
        () -> List.of(Route.get("/a", NOTHING))))).isInstanceOf(IllegalArgumentException.class);
  }
}
