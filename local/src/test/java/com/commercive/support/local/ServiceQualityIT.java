package com.commercive.support.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Service levels end to end, with the settings the README gives for trying them: every first
 * reply due in a minute, the sweep every 5 seconds, a ticket waiting on the merchant closing after
 * 40 seconds. Nobody answers one ticket: it breaches and the team is emailed once; an agent
 * answers another: it closes by itself and its owner is invited to rate it, and rates it.
 */
class ServiceQualityIT {
  static LocalSystem system;
  static LocalApi api;
  static String user;
  static String admin;

  @BeforeAll
  static void start() {
    system = LocalSystem.start(LocalSystem.Settings.forTests(Map.of("AUTO_ASSIGN", "false",
        "AUTO_REPLY_ENABLED", "false", "SLA_FIRST_RESPONSE_MINUTES", "high:1,medium:1,low:1",
        "SWEEP_INTERVAL_SECONDS", "5", "AUTO_CLOSE_AFTER", "PT40S", "TICKETS_PER_USER_PER_HOUR", "1000")));
    api = new LocalApi(system);
    user = system.tokenFor("demo-user");
    admin = system.tokenFor("demo-admin");
  }

  @AfterAll
  static void stop() {
    system.close();
  }

  String open(String subject, String message) {
    return api.call("POST", "/support/tickets", user,
        "{\"subject\":\"" + subject + "\",\"priority\":\"low\",\"message\":\"" + message + "\"}")
        .at("/ticket/ticket_id").asText();
  }

  JsonNode asTeam(String ticketId) {
    return api.call("GET", "/support/tickets/" + ticketId, admin, null).get("ticket");
  }

  List<JsonNode> emailsAbout(String ticketId, String subjectStart) {
    List<JsonNode> found = new ArrayList<>();
    for (JsonNode email : api.emails()) {
      String subject = email.get("subject").asText();
      if (subject.startsWith("[Commercive Support] " + subjectStart) && subject.endsWith("(#" + ticketId.substring(0, 8) + ")")) {
        found.add(email);
      }
    }
    return found;
  }

  @Test
  void anUnansweredTicketBreachesOnceAndAnAnsweredOneClosesByItselfAndIsRated() {
    long started = System.nanoTime();
    String unanswered = open("Invoice layout", "Can the invoice show my logo?");
    String answered = open("Export question", "How do I export my orders?");
    api.call("POST", "/support/tickets/" + answered + "/messages", admin, "{\"message\":\"Orders, then Export.\"}");

    LocalApi.await("the answered ticket closes by itself", Duration.ofSeconds(60),
        () -> asTeam(answered).get("status").asText().equals("closed"));
    double closedAfter = (System.nanoTime() - started) / 1e9;
    JsonNode closed = asTeam(answered);
    assertThat(closed.get("resolved_by").asText()).isEqualTo("agent");
    LocalApi.await("the closing email", Duration.ofSeconds(15), () -> !emailsAbout(answered, "Closed:").isEmpty());
    assertThat(emailsAbout(answered, "Closed:")).singleElement()
        .satisfies(email -> assertThat(email.at("/body/text").asText()).contains("?rate=5"));
    JsonNode rated = api.call("POST", "/support/tickets/" + answered + "/satisfaction", user, "{\"rating\":5}");
    assertThat(rated.at("/ticket/satisfaction/rating").asInt()).isEqualTo(5);

    LocalApi.await("the unanswered ticket breaches", Duration.ofSeconds(80),
        () -> asTeam(unanswered).at("/sla/breached").toString().contains("first_response"));
    double breachedAfter = (System.nanoTime() - started) / 1e9;
    LocalApi.await("the breach email", Duration.ofSeconds(15), () -> !emailsAbout(unanswered, "Late:").isEmpty());
    System.out.printf("service levels end to end: auto-close after %.1f s (due at 40 s), breach seen after %.1f s"
        + " (due at 60 s)%n", closedAfter, breachedAfter);
    assertThat(closedAfter).isLessThan(55);
    assertThat(breachedAfter).isLessThan(75);

    // Later sweeps find nothing new: one email for the breach, and the owner never sees the clocks.
    LocalApi.pause(11_000);
    assertThat(emailsAbout(unanswered, "Late:")).hasSize(1)
        .allSatisfy(email -> assertThat(email.at("/destination/to/0").asText()).isEqualTo("alex@example.com"));
    assertThat(api.call("GET", "/support/tickets/" + unanswered, user, null).get("ticket").has("sla")).isFalse();

    // The metrics say what the tickets themselves say (the stream counted each change once).
    java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
    String range = "?from=" + today.minusDays(1) + "&to=" + today;
    LocalApi.await("the metrics to count the rating", Duration.ofSeconds(10),
        () -> api.call("GET", "/support/admin/metrics" + range, admin, null).at("/csat/responses").asLong() == 1);
    JsonNode metrics = api.call("GET", "/support/admin/metrics" + range, admin, null);
    assertThat(metrics.get("tickets_created").asLong()).isEqualTo(2);
    assertThat(metrics.get("tickets_closed").asLong()).isEqualTo(1);
    assertThat(metrics.at("/first_response_minutes/p50").asLong()).as("answered within 5 minutes").isEqualTo(5);
    assertThat(metrics.at("/resolution_hours/p50").asLong()).isEqualTo(1);
    assertThat(metrics.at("/ai/resolved").asLong()).isZero();
    assertThat(metrics.at("/ai/resolution_rate").asDouble()).isZero();
    assertThat(metrics.at("/csat/average").asDouble()).isEqualTo(5.0);
    assertThat(metrics.at("/csat/satisfied_share").asDouble()).isEqualTo(1.0);
    assertThat(metrics.at("/sla/first_response_breaches").asLong()).isEqualTo(1);
    assertThat(metrics.at("/sla/resolution_breaches").asLong()).isZero();
  }
}
