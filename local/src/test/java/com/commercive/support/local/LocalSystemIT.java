package com.commercive.support.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end over HTTP: the local runner's real stand-ins and the Lambda handler behind its
 * HTTP translation, on free loopback ports. One system for the whole class, with auto-replies
 * off so that the API's own behaviour is what is checked (PipelineIT covers the pipeline).
 */
class LocalSystemIT {
  // Longer than most: the seed's checklist end to end, against one local system started once.
  static final String ORIGIN = "http://localhost:3000";
  static final ObjectMapper JSON = new ObjectMapper();
  static LocalSystem system;
  static HttpClient http;
  static String user;
  static String user2;
  static String admin;

  @BeforeAll
  static void start() {
    system = LocalSystem.start(LocalSystem.Settings.forTests(Map.of("AUTO_REPLY_ENABLED", "false",
        "TICKETS_PER_USER_PER_HOUR", "1000", "AI_REQUESTS_PER_USER_PER_HOUR", "1000")));
    http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    user = system.tokenFor("demo-user");
    user2 = system.tokenFor("demo-user-2");
    admin = system.tokenFor("demo-admin");
  }

  @AfterAll
  static void stop() {
    system.close();
  }

  record Reply(int status, Map<String, List<String>> headers, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }

    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> String.join(",", e.getValue()))
          .findFirst()
          .orElse(null);
    }
  }

  static Reply call(String method, String path, String token, String body, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(system.apiUrl() + path))
            .timeout(Duration.ofSeconds(30))
            .header("Origin", ORIGIN)
            .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    try {
      HttpResponse<String> response = http.send(request.build(), BodyHandlers.ofString());
      OpenApiContract.check(method, path, response);
      Reply reply = new Reply(response.statusCode(), response.headers().map(), response.body());
      // Every response, errors included, carries the CORS grant for an allowed origin.
      assertThat(reply.header("Access-Control-Allow-Origin")).as(method + " " + path).isEqualTo(ORIGIN);
      assertThat(reply.header("Access-Control-Allow-Credentials")).isEqualTo("true");
      return reply;
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  static String createTicket(String token, String subject) {
    Reply reply = call("POST", "/support/tickets", token,
        "{\"subject\":\"" + subject + "\",\"priority\":\"medium\",\"message\":\"First message\"}");
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    return reply.json().at("/ticket/ticket_id").asText();
  }

  static void assertProblem(Reply reply, int status) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(status);
    assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(reply.json().get("status").asInt()).isEqualTo(status);
  }

  @Nested
  class SeedChecklist {
    @Test
    void createATicket() {
      Reply reply = call("POST", "/support/tickets", user,
          "{\"subject\":\"Need help with inventory\",\"priority\":\"high\",\"message\":\"Products missing\"}");
      assertThat(reply.status()).isEqualTo(201);
      JsonNode ticket = reply.json().get("ticket");
      assertThat(reply.header("Location")).isEqualTo("/support/tickets/" + ticket.get("ticket_id").asText());
      assertThat(ticket.get("status").asText()).isEqualTo("open");
      assertThat(ticket.get("priority").asText()).isEqualTo("high");
      assertThat(ticket.get("user_id").asText()).isEqualTo("demo-user");
      assertThat(ticket.get("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
      assertThat(reply.json().at("/message/sender_name").asText()).isEqualTo("Dana Merchant");
    }

    @Test
    void createWithoutAuthentication() {
      Reply reply = call("POST", "/support/tickets", null, "{\"subject\":\"Need help with inventory\"}");
      assertProblem(reply, 401);
      assertThat(reply.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void createWithAMissingOrShortSubject() {
      Reply missing = call("POST", "/support/tickets", user, "{\"priority\":\"high\"}");
      assertProblem(missing, 400);
      assertThat(missing.json().at("/errors/0/field").asText()).isEqualTo("subject");
      Reply shortSubject = call("POST", "/support/tickets", user, "{\"subject\":\"Help\"}");
      assertProblem(shortSubject, 400);
      assertThat(shortSubject.json().get("detail").asText()).isEqualTo("subject must be at least 5 characters");
    }

    @Test
    void listWithAStatusFilter() {
      String stays = createTicket(user2, "Payout question");
      String answered = createTicket(user2, "Affiliate link broken");
      call("POST", "/support/tickets/" + answered + "/messages", admin, "{\"message\":\"Fixed it\"}");

      Reply pending = call("GET", "/support/tickets?status=pending", user2, null);
      assertThat(pending.status()).isEqualTo(200);
      assertThat(ids(pending.json().get("tickets"))).containsExactly(answered);
      Reply open = call("GET", "/support/tickets?status=open", user2, null);
      assertThat(ids(open.json().get("tickets"))).contains(stays).doesNotContain(answered);
      assertThat(open.json().get("tickets").get(0).get("last_message").get("preview").asText())
          .isEqualTo("First message");
      assertProblem(call("GET", "/support/tickets?status=archived", user2, null), 400);
    }

    @Test
    void sendAMessageToYourOwnTicket() {
      String id = createTicket(user, "Orders not showing");
      Reply reply = call("POST", "/support/tickets/" + id + "/messages", user,
          "{\"message\":\"Any update?\",\"attachment_url\":\"https://files.commercive.com/a.png\"}");
      assertThat(reply.status()).isEqualTo(201);
      assertThat(reply.json().at("/message/attachment_url").asText()).isEqualTo("https://files.commercive.com/a.png");
      assertThat(reply.json().at("/ticket/message_count").asInt()).isEqualTo(2);
      assertThat(reply.json().at("/ticket/last_message/preview").asText()).isEqualTo("Any update?");
    }

    @Test
    void sendAMessageToAnotherUsersTicket() {
      String id = createTicket(user, "Store connection issue");
      assertProblem(call("POST", "/support/tickets/" + id + "/messages", user2, "{\"message\":\"Hi\"}"), 403);
      assertProblem(call("GET", "/support/tickets/" + id + "/messages", user2, null), 403);
      assertProblem(call("GET", "/support/tickets/" + id, user2, null), 403);
      assertProblem(call("POST", "/support/tickets/no-such-ticket/messages", user, "{\"message\":\"Hi\"}"), 404);
    }

    @Test
    void anAdminSendsToAnyTicketAndCloses() {
      String id = createTicket(user2, "Cannot log in");
      Reply reply = call("POST", "/support/tickets/" + id + "/messages", admin,
          "{\"message\":\"Reset link sent\",\"close_ticket\":true}");
      assertThat(reply.status()).isEqualTo(201);
      assertThat(reply.json().at("/message/sender_type").asText()).isEqualTo("admin");
      assertThat(reply.json().at("/ticket/status").asText()).isEqualTo("closed");
      Reply reopened = call("POST", "/support/tickets/" + id + "/messages", user2, "{\"message\":\"Still locked out\"}");
      assertThat(reopened.json().at("/ticket/status").asText()).isEqualTo("open");
    }

    @Test
    void messagesComeBackInChronologicalOrder() {
      String id = createTicket(user, "Tracking numbers missing");
      call("POST", "/support/tickets/" + id + "/messages", admin, "{\"message\":\"Which order?\"}");
      call("POST", "/support/tickets/" + id + "/messages", user, "{\"message\":\"Order 1001\"}");
      Reply reply = call("GET", "/support/tickets/" + id + "/messages", user, null);
      assertThat(reply.status()).isEqualTo(200);
      List<String> texts = new ArrayList<>();
      List<String> times = new ArrayList<>();
      reply.json().get("messages").forEach(m -> {
        texts.add(m.get("message").asText());
        times.add(m.get("created_at").asText());
      });
      assertThat(texts).containsExactly("First message", "Which order?", "Order 1001");
      assertThat(times).isSorted();
      assertThat(reply.json().at("/messages/1/sender_name").asText()).isEqualTo("Alex Support");
      assertThat(reply.json().at("/messages/1/sender_email").asText()).isEqualTo("alex@example.com");
      assertThat(reply.json().at("/ticket/message_count").asInt()).isEqualTo(3);
    }
  }

  @Nested
  class Attacks {
    String signed(Algorithm algorithm, String subject, Instant expires) {
      var builder = JWT.create().withExpiresAt(expires);
      if (subject != null) {
        builder.withSubject(subject);
      }
      return builder.sign(algorithm);
    }

    @Test
    void badTokensAreRefused() {
      byte[] secret = system.config().jwt().requireSecret();
      Instant soon = Instant.now().plusSeconds(600);
      String none =
          Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
              + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                  ("{\"sub\":\"demo-admin\",\"role\":\"admin\",\"exp\":" + soon.getEpochSecond() + "}").getBytes(StandardCharsets.UTF_8))
              + ".";
      Map<String, String> tokens = Map.of(
          "expired", signed(Algorithm.HMAC256(secret), "demo-user", Instant.now().minusSeconds(3600)),
          "wrong key", signed(Algorithm.HMAC256("some-other-secret-that-is-long-enough!"), "demo-user", soon),
          "alg none", none,
          "HS384 with the same key", signed(Algorithm.HMAC384(secret), "demo-user", soon),
          "no subject", signed(Algorithm.HMAC256(secret), null, soon));
      tokens.forEach((why, token) -> {
        Reply reply = call("GET", "/support/tickets", token, null);
        assertThat(reply.status()).as(why).isEqualTo(401);
        assertThat(reply.header("WWW-Authenticate")).as(why).contains("invalid_token");
      });
    }

    @Test
    void malformedAndOversizedBodiesAreRefused() {
      assertProblem(call("POST", "/support/tickets", user, "{\"subject\": "), 400);
      assertProblem(call("POST", "/support/tickets", user, "[1,2,3]"), 400);
      assertProblem(call("POST", "/support/tickets", user, "{\"subject\":42}"), 400);
      String huge = "{\"subject\":\"Huge body\",\"message\":\"" + "a".repeat(70_000) + "\"}";
      assertProblem(call("POST", "/support/tickets", user, huge), 413);
      String wayTooBig = "{\"subject\":\"Huge body\",\"message\":\"" + "a".repeat(3_000_000) + "\"}";
      assertProblem(call("POST", "/support/tickets", user, wayTooBig), 413);
    }

    @Test
    void anotherUsersCursorIsRefused() {
      createTicket(user, "Cursor test one");
      createTicket(user, "Cursor test two");
      String cursor = call("GET", "/support/tickets?limit=1", user, null).json().get("next_cursor").asText();
      assertProblem(call("GET", "/support/tickets?limit=1&cursor=" + cursor, user2, null), 400);
      assertThat(call("GET", "/support/tickets?limit=1&cursor=" + cursor, user, null).status()).isEqualTo(200);
    }

    @Test
    void usersCannotReachTheInbox() {
      createTicket(user, "Inbox visibility");
      assertProblem(call("GET", "/support/admin/tickets", user, null), 403);
      assertThat(call("GET", "/support/admin/tickets?limit=5", admin, null).json().get("tickets").size())
          .isPositive();
    }
  }

  @Nested
  class Protocol {
    /** A raw HTTP/1.1 exchange: the status line, the headers and the body as received. */
    String raw(String request) throws IOException {
      URI api = system.apiUrl();
      try (java.net.Socket socket = new java.net.Socket(api.getHost(), api.getPort())) {
        socket.setSoTimeout(15_000);
        socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      }
    }

    /** Issue 13: these paths got an HTML URISyntaxException page. */
    @Test
    void malformedRequestsGetAProblemDocument() throws IOException {
      for (String path : List.of("/support/{x}", "/support/a|b", "/support/a\\b", "/support/%zz",
          "/support/tickets/%", "/support/tickets?x=%")) {
        String response = raw("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        String statusLine = response.lines().findFirst().orElse("");
        assertThat(statusLine).as(path).matches("HTTP/1\\.1 4\\d\\d .*");
        assertThat(response.toLowerCase(java.util.Locale.ROOT)).as(path)
            .contains("content-type: application/problem+json").doesNotContain("<html").doesNotContain("exception");
        JsonNode problem = JSON.readTree(response.substring(response.indexOf("\r\n\r\n") + 4));
        assertThat(problem.get("status").asInt()).as(path).isBetween(400, 499);
        assertThat(problem.get("title").asText()).as(path).isNotBlank();
      }
      String hugeHeader = raw("GET /support/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "a".repeat(40_000)
          + "\r\nConnection: close\r\n\r\n");
      assertThat(hugeHeader.lines().findFirst().orElse("")).matches("HTTP/1\\.1 4\\d\\d .*");
      assertThat(hugeHeader).contains("application/problem+json");
    }

    /** Issue 13: about 32 stalled connections made the API stop answering for minutes. */
    @Test
    void connectionsThatStallMidRequestDoNotStopTheApi() throws Exception {
      URI api = system.apiUrl();
      List<java.net.Socket> stalled = new ArrayList<>();
      try {
        for (int i = 0; i < 80; i++) {
          java.net.Socket socket = new java.net.Socket(api.getHost(), api.getPort());
          String partial = i % 2 == 0
              ? "POST /support/tickets HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                  + "Content-Length: 1000\r\n\r\n{\"subject\":"
              : "GET /support/tickets HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ";
          socket.getOutputStream().write(partial.getBytes(StandardCharsets.US_ASCII));
          socket.getOutputStream().flush();
          stalled.add(socket);
        }
        long started = System.nanoTime();
        assertThat(call("GET", "/support/health", null, null).status()).isEqualTo(200);
        assertThat(call("GET", "/support/tickets", user, null).status()).isEqualTo(200);
        // Answered while 80 connections hang, not after their timeouts.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
      } finally {
        for (java.net.Socket socket : stalled) {
          socket.close();
        }
      }
    }

    @Test
    void preflightHealthOpenApiAnd405() {
      Reply preflight = call("OPTIONS", "/support/tickets", null, null,
          "Access-Control-Request-Method", "POST");
      assertThat(preflight.status()).isEqualTo(204);
      assertThat(preflight.header("Access-Control-Allow-Headers")).contains("Idempotency-Key").contains("If-Match");
      assertThat(preflight.header("Access-Control-Allow-Methods")).contains("PATCH");
      assertThat(call("GET", "/support/health", null, null).json().get("status").asText()).isEqualTo("ok");
      assertThat(call("GET", "/support/openapi.json", null, null).json().get("paths").has("/support/tickets"))
          .isTrue();
      Reply wrong = call("DELETE", "/support/tickets", user, null);
      assertProblem(wrong, 405);
      assertThat(wrong.header("Allow")).contains("GET", "POST");
      assertProblem(call("GET", "/support/unknown", user, null), 404);
    }

    @Test
    void anIdempotencyKeyReplaysInsteadOfCreatingTwice() {
      String body = "{\"subject\":\"Idempotent ticket\"}";
      Reply first = call("POST", "/support/tickets", user2, body, "Idempotency-Key", "create-42");
      Reply again = call("POST", "/support/tickets", user2, body, "Idempotency-Key", "create-42");
      assertThat(first.status()).isEqualTo(201);
      assertThat(again.status()).isEqualTo(201);
      assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
      assertThat(again.body()).isEqualTo(first.body());
      assertThat(again.header("Location")).isEqualTo(first.header("Location"));
      assertProblem(call("POST", "/support/tickets", user2, "{\"subject\":\"Different ticket\"}",
          "Idempotency-Key", "create-42"), 422);
    }

    @Test
    void parallelPostsKeepTheCountExact() {
      String id = createTicket(user, "Parallel posting");
      List<CompletableFuture<Reply>> posts = new ArrayList<>();
      for (int i = 0; i < 24; i++) {
        String text = "parallel " + i;
        String sender = i % 2 == 0 ? user : admin;
        posts.add(CompletableFuture.supplyAsync(() ->
            call("POST", "/support/tickets/" + id + "/messages", sender,
                "{\"message\":\"" + text + "\"}")));
      }
      Set<String> messageIds = new HashSet<>();
      for (CompletableFuture<Reply> post : posts) {
        Reply reply = post.join();
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        messageIds.add(reply.json().at("/message/message_id").asText());
      }
      assertThat(messageIds).hasSize(24);
      Reply ticket = call("GET", "/support/tickets/" + id, user, null);
      assertThat(ticket.json().at("/ticket/message_count").asInt()).isEqualTo(25);
      Reply thread = call("GET", "/support/tickets/" + id + "/messages?limit=200", user, null);
      assertThat(thread.json().get("messages")).hasSize(25);
    }

    @Test
    void statusFilteredPagesAreFull() {
      String owner = "demo-user-2";
      List<String> closed = new ArrayList<>();
      for (int i = 0; i < 7; i++) {
        String id = createTicket(user2, "Filter page " + i);
        if (i % 2 == 0) {
          call("POST", "/support/tickets/" + id + "/messages", admin, "{\"close_ticket\":true}");
          closed.add(id);
        }
      }
      List<String> seen = new ArrayList<>();
      String cursor = null;
      do {
        Reply page = call("GET", "/support/tickets?status=closed&limit=2"
            + (cursor == null ? "" : "&cursor=" + cursor), user2, null);
        JsonNode tickets = page.json().get("tickets");
        JsonNode next = page.json().get("next_cursor");
        if (!next.isNull()) {
          assertThat(tickets).hasSize(2);
        }
        tickets.forEach(t -> {
          assertThat(t.get("status").asText()).isEqualTo("closed");
          assertThat(t.get("user_id").asText()).isEqualTo(owner);
          seen.add(t.get("ticket_id").asText());
        });
        cursor = next.isNull() ? null : next.asText();
      } while (cursor != null);
      assertThat(seen).containsAll(closed).doesNotHaveDuplicates();
    }
  }

  /** Issue 15: the agents' tools over HTTP against the real stand-ins. */
  @Nested
  class AgentsTools {
    @Test
    void aSafeChangeANoteAndACannedResponse() {
      String id = createTicket(user, "Agents tools " + UUID.randomUUID().toString().substring(0, 8));
      Reply read = call("GET", "/support/tickets/" + id, admin, null);
      String etag = read.header("ETag");
      assertThat(etag).isEqualTo("\"" + read.json().at("/ticket/version").asLong() + "\"");
      Reply changed = call("PATCH", "/support/tickets/" + id, admin, "{\"priority\":\"low\"}", "If-Match", etag);
      assertThat(changed.status()).as(changed.body()).isEqualTo(200);
      assertProblem(call("PATCH", "/support/tickets/" + id, admin, "{\"priority\":\"high\"}", "If-Match", etag), 412);

      assertThat(call("POST", "/support/tickets/" + id + "/messages", admin,
          "{\"message\":\"Checked the logs\",\"internal\":true}").status()).isEqualTo(201);
      assertThat(call("GET", "/support/tickets/" + id + "/messages", user, null).json().get("messages")).hasSize(1);
      assertThat(call("GET", "/support/tickets/" + id + "/messages", admin, null).json().get("messages")).hasSize(2);

      String shortcut = "greet-" + UUID.randomUUID().toString().substring(0, 6);
      Reply saved = call("POST", "/support/admin/canned-responses", admin,
          "{\"title\":\"Greeting " + shortcut + "\",\"body\":\"Hello {{customer_name}}!\",\"shortcut\":\"" + shortcut + "\"}");
      assertThat(saved.status()).as(saved.body()).isEqualTo(201);
      String canned = saved.json().at("/canned_response/canned_response_id").asText();
      assertThat(call("GET", "/support/admin/canned-responses", admin, null).json().get("canned_responses").toString())
          .contains(shortcut);
      Reply posted = call("POST", "/support/tickets/" + id + "/messages", admin,
          "{\"canned_response_id\":\"" + canned + "\"}");
      assertThat(posted.json().at("/message/message").asText()).isEqualTo("Hello Dana Merchant!");
      assertThat(call("DELETE", "/support/admin/canned-responses/" + canned, admin, null).status()).isEqualTo(204);

      // Not available: automatic assignment leaves them alone; an admin may still assign by hand.
      Reply me = call("PUT", "/support/admin/agents/me", admin, "{\"available\":false,\"max_open\":3}");
      assertThat(me.status()).as(me.body()).isEqualTo(200);
      String agentId = me.json().at("/agent/agent_id").asText();
      assertThat(call("GET", "/support/admin/agents", admin, null).json().get("agents").toString()).contains(agentId);

      Reply assigned = call("PATCH", "/support/tickets/" + id, admin, "{\"assignee_id\":\"" + agentId + "\"}");
      assertThat(assigned.json().at("/ticket/assignee_id").asText()).isEqualTo(agentId);
      int load = openAssigned(agentId);
      assertThat(load).isPositive();
      call("PATCH", "/support/tickets/" + id, admin, "{\"status\":\"closed\"}");
      assertThat(openAssigned(agentId)).isEqualTo(load - 1);
    }

    int openAssigned(String agentId) {
      for (var agent : call("GET", "/support/admin/agents", admin, null).json().get("agents")) {
        if (agent.get("agent_id").asText().equals(agentId)) {
          return agent.get("open_assigned").asInt();
        }
      }
      throw new AssertionError("not on the roster: " + agentId);
    }
  }

  @Nested
  class Assistant {
    @Test
    void answersFromTheKnowledgeBaseWithACitedUsefulAnswer() {
      Reply reply = call("POST", "/support/ai-response", user,
          "{\"message\":\"I connected my store but my products are not showing up\"}");
      assertThat(reply.status()).as(reply.body()).isEqualTo(200);
      JsonNode body = reply.json();
      assertThat(body.get("topic").asText()).isEqualTo("inventory");
      assertThat(body.get("handoff").asBoolean()).isFalse();
      assertThat(body.at("/sources/0/id").asText()).isEqualTo("inventory-missing-products");
      assertThat(body.get("response").asText())
          .contains("Check the product in Shopify:")
          .contains("Its status must be Active. Draft and archived products are not imported.")
          .contains("From our help article \"Products are missing from Commercive\".");
      assertThat(body.get("confidence").asDouble()).isGreaterThanOrEqualTo(0.5);
    }

    @Test
    void addsItsAnswerToTheTicketThread() {
      String id = createTicket(user, "Payout not received");
      Reply reply = call("POST", "/support/ai-response", user,
          "{\"message\":\"My payout says paid but the money is not in my bank\",\"ticket_id\":\""
              + id + "\",\"add_to_ticket\":true}");
      assertThat(reply.status()).as(reply.body()).isEqualTo(200);
      assertThat(reply.json().get("topic").asText()).isEqualTo("payouts");
      assertThat(reply.json().at("/message/sender_type").asText()).isEqualTo("ai");

      JsonNode thread = call("GET", "/support/tickets/" + id + "/messages", user, null).json();
      JsonNode last = thread.get("messages").get(thread.get("messages").size() - 1);
      assertThat(last.get("sender_type").asText()).isEqualTo("ai");
      assertThat(last.get("is_ai_response").asBoolean()).isTrue();
      assertThat(last.get("message").asText()).isEqualTo(reply.json().get("response").asText());
      assertThat(thread.at("/ticket/last_message/sender_type").asText()).isEqualTo("ai");
      assertProblem(call("POST", "/support/ai-response", user2,
          "{\"message\":\"hello\",\"ticket_id\":\"" + id + "\"}"), 403);
    }

    @Test
    void handsOffWhatIsNotAboutCommercive() {
      JsonNode body = call("POST", "/support/ai-response", user,
          "{\"message\":\"What's the weather like in Lisbon?\"}").json();
      assertThat(body.get("handoff").asBoolean()).isTrue();
      assertThat(body.get("sources")).isEmpty();
    }
  }

  @Test
  void aTakenPortGivesAClearMessage() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertThatThrownBy(() -> LocalSystem.start(
              LocalSystem.Settings.forTests(Map.of()).withApiPort(taken.getLocalPort())))
          .isInstanceOf(PortInUseException.class)
          .hasMessageContaining("127.0.0.1:" + taken.getLocalPort())
          .hasMessageContaining("already in use");
    }
  }

  @Test
  void aDataFolderKeepsTicketsAcrossRestarts(@TempDir Path data) {
    String ticketId;
    try (LocalSystem first = LocalSystem.start(LocalSystem.Settings.forTests(Map.of()).withDataDirectory(data))) {
      ticketId = post(first, "{\"subject\":\"Kept across restarts\"}").at("/ticket/ticket_id").asText();
    }
    try (LocalSystem second = LocalSystem.start(LocalSystem.Settings.forTests(Map.of()).withDataDirectory(data))) {
      HttpRequest get = HttpRequest.newBuilder(URI.create(second.apiUrl() + "/support/tickets/" + ticketId))
          .header("Authorization", "Bearer " + second.tokenFor("demo-user")).build();
      HttpResponse<String> response = send(get);
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).contains("Kept across restarts");
    }
  }

  private static JsonNode post(LocalSystem target, String body) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(target.apiUrl() + "/support/tickets"))
        .header("Authorization", "Bearer " + target.tokenFor("demo-user"))
        .header("Content-Type", "application/json")
        .POST(BodyPublishers.ofString(body)).build();
    HttpResponse<String> response = send(request);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Test
  void theBannerTellsWhereEverythingIsWithTokens() {
    String banner = LocalRunner.banner(system);
    assertThat(banner)
        .contains(system.apiUrl().toString())
        .contains(system.dynamoDbEndpoint().toString())
        .contains("demo-user ", "demo-user-2", "demo-admin")
        .contains("curl -s -X POST " + system.apiUrl() + "/support/tickets");
  }

  private static List<String> ids(JsonNode tickets) {
    List<String> ids = new ArrayList<>();
    tickets.forEach(t -> ids.add(t.get("ticket_id").asText()));
    return ids;
  }
}
