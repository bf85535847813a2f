package com.commercive.support.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.commercive.support.realtime.Connection;
import com.commercive.support.realtime.Topic;
import com.commercive.support.store.dynamodb.DynamoDbRealtimeStore;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Live updates end to end in the local system: real WebSocket clients (the JDK's) connect with
 * single-use tokens from the API, subscribe, and receive what the tables' streams push through the
 * emulated management API, only what they may read. One system for the whole class.
 */
class LiveUpdatesIT {
  static LocalSystem system;
  static LocalApi api;
  static String user;
  static String other;
  static String admin;
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    system = LocalSystem.start(LocalSystem.Settings.forTests(Map.of("AUTO_ASSIGN", "false",
        "TICKETS_PER_USER_PER_HOUR", "1000", "AI_AUTO_REPLIES_PER_USER_PER_HOUR", "1000")));
    api = new LocalApi(system);
    user = system.tokenFor("demo-user");
    other = system.tokenFor("demo-user-2");
    admin = system.tokenFor("demo-admin");
  }

  @AfterAll
  static void stop() {
    system.close();
  }

  /** A socket whose frames are kept in arrival order. */
  static final class Client implements WebSocket.Listener {
    final LinkedBlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    WebSocket socket;

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          frames.add(LocalApi.JSON.readTree(partial.toString()));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    JsonNode next() throws InterruptedException {
      JsonNode frame = frames.poll(10, TimeUnit.SECONDS);
      assertThat(frame).as("a frame within 10 s").isNotNull();
      return frame;
    }

    /** Every frame received, in order: events of different tables may arrive in any order. */
    final List<JsonNode> seen = new java.util.ArrayList<>();

    /** The first frame received (earlier or within 10 s) that matches, without consuming the others. */
    JsonNode await(String type, java.util.function.Predicate<JsonNode> matching) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      int checked = 0;
      while (true) {
        for (; checked < seen.size(); checked++) {
          JsonNode frame = seen.get(checked);
          if (frame.get("type").asText().equals(type) && matching.test(frame)) {
            return frame;
          }
        }
        JsonNode more = frames.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        assertThat(more).as("a %s frame within 10 s; saw %s", type, seen).isNotNull();
        seen.add(more);
      }
    }

    JsonNode next(String type) throws InterruptedException {
      return await(type, frame -> true);
    }

    JsonNode message(String text) throws InterruptedException {
      return await("message.created", frame -> frame.at("/message/message").asText().equals(text));
    }

    void send(String frame) {
      socket.sendText(frame, true).join();
    }

    List<String> drainMessages() throws InterruptedException {
      Thread.sleep(500);
      frames.drainTo(seen);
      return seen.stream().map(f -> f.at("/message/message").asText()).toList();
    }

    List<String> drainTypes() throws InterruptedException {
      Thread.sleep(500);
      frames.drainTo(seen);
      return seen.stream().map(f -> f.get("type").asText()).toList();
    }
  }

  static JsonNode token(String bearer) {
    return api.call("POST", "/support/realtime/token", bearer, null);
  }

  static Client connect(String bearer) {
    JsonNode issued = token(bearer);
    Client client = new Client();
    client.socket = HTTP.newWebSocketBuilder()
        .buildAsync(URI.create(issued.get("url").asText() + "?token=" + issued.get("token").asText()), client).join();
    return client;
  }

  static String openTicket(String bearer) {
    return api.call("POST", "/support/tickets", bearer, "{\"subject\":\"Live updates test\",\"message\":\"hello\"}")
        .at("/ticket/ticket_id").asText();
  }

  @Test
  void theOwnerAndTheTeamSeeRepliesLiveAndOnlyTheTeamSeesNotes() throws Exception {
    String ticketId = openTicket(user);
    Client owner = connect(user);
    Client team = connect(admin);
    Client stranger = connect(other);
    owner.send("{\"action\":\"subscribe\",\"ticket_id\":\"" + ticketId + "\"}");
    assertThat(owner.next("subscribed").get("ticket_id").asText()).isEqualTo(ticketId);
    team.send("{\"action\":\"subscribe\",\"inbox\":true}");
    assertThat(team.next("subscribed").get("inbox").asBoolean()).isTrue();
    stranger.send("{\"action\":\"subscribe\",\"ticket_id\":\"" + ticketId + "\"}");
    assertThat(stranger.next().get("code").asText()).isEqualTo("forbidden");

    api.call("POST", "/support/tickets/" + ticketId + "/messages", admin, "{\"message\":\"Try a resync\"}");
    JsonNode reply = owner.message("Try a resync");
    assertThat(reply.at("/message/sender_name").asText()).isEqualTo("Alex Support");
    JsonNode pending = owner.await("ticket.updated", f -> f.at("/ticket/status").asText().equals("pending"));
    assertThat(pending.at("/ticket/ticket_id").asText()).isEqualTo(ticketId);
    assertThat(team.message("Try a resync").at("/message/sender_type").asText()).isEqualTo("admin");

    api.call("POST", "/support/tickets/" + ticketId + "/messages", admin,
        "{\"message\":\"VIP merchant\",\"internal\":true}");
    assertThat(team.message("VIP merchant").at("/message/internal").asBoolean()).isTrue();
    assertThat(owner.drainMessages()).doesNotContain("VIP merchant");
    assertThat(stranger.drainTypes()).isEmpty();
  }

  @Test
  void theOwnerSeesTheAssistantTypingThenItsReply() throws Exception {
    String ticketId = api.call("POST", "/support/tickets", user, "{\"subject\":\"Payout question\"}")
        .at("/ticket/ticket_id").asText();
    Client owner = connect(user);
    owner.send("{\"action\":\"subscribe\",\"ticket_id\":\"" + ticketId + "\"}");
    owner.next("subscribed");
    Client team = connect(admin);
    team.send("{\"action\":\"subscribe\",\"inbox\":true}");
    team.next("subscribed");
    Client stranger = connect(other);

    api.call("POST", "/support/tickets/" + ticketId + "/messages", user, "{\"message\":\"How do I request a payout?\"}");

    JsonNode typing = owner.await("assistant.typing", f -> f.get("ticket_id").asText().equals(ticketId));
    // The AI worker announces its own reply (not the stream pusher): same shape, same audience.
    JsonNode reply = owner.await("message.created", f -> f.at("/message/sender_type").asText().equals("ai"));
    assertThat(reply.at("/message/is_ai_response").asBoolean()).isTrue();
    assertThat(reply.at("/message/sender_name").asText()).isNotBlank();
    assertThat(reply.get("ticket_id").asText()).isEqualTo(ticketId);
    assertThat(owner.seen.indexOf(typing)).isLessThan(owner.seen.indexOf(reply));
    assertThat(team.await("message.created", f -> f.at("/message/sender_type").asText().equals("ai")
        && f.get("ticket_id").asText().equals(ticketId)).at("/message/message_id").asText())
        .isEqualTo(reply.at("/message/message_id").asText());
    assertThat(owner.drainTypes().stream().filter(t -> t.equals("message.created")).count())
        .as("the question and the reply, each once").isEqualTo(2);
    assertThat(stranger.drainTypes()).isEmpty();
  }

  @Test
  void aFilesCheckReachesItsUploaderAndTheTeamAndAnUnsubscribedSocketHearsNoMore() throws Exception {
    String ticketId = openTicket(user);
    Client owner = connect(user);
    owner.send("{\"action\":\"subscribe\",\"ticket_id\":\"" + ticketId + "\"}");
    owner.next("subscribed");
    Client team = connect(admin);
    team.send("{\"action\":\"subscribe\",\"inbox\":true}");
    team.next("subscribed");
    Client stranger = connect(other);
    byte[] png = com.commercive.support.attachmentchecker.SampleFiles.png();

    JsonNode created = api.call("POST", "/support/tickets/" + ticketId + "/attachments", user,
        "{\"filename\":\"sync-error.png\",\"content_type\":\"image/png\",\"size\":" + png.length + "}");
    String attachmentId = created.at("/attachment/attachment_id").asText();
    assertThat(AttachmentsIT.upload(created.get("upload"), "sync-error.png", png).statusCode()).isBetween(200, 299);

    JsonNode checked = owner.await("attachment.updated",
        f -> f.at("/attachment/attachment_id").asText().equals(attachmentId));
    assertThat(checked.get("ticket_id").asText()).isEqualTo(ticketId);
    assertThat(checked.at("/attachment/status").asText()).isEqualTo("ready");
    assertThat(checked.at("/attachment/filename").asText()).isEqualTo("sync-error.png");
    assertThat(team.await("attachment.updated", f -> f.at("/attachment/attachment_id").asText().equals(attachmentId))
        .at("/attachment/status").asText()).isEqualTo("ready");

    owner.send("{\"action\":\"unsubscribe\",\"ticket_id\":\"" + ticketId + "\"}");
    assertThat(owner.next("unsubscribed").get("ticket_id").asText()).isEqualTo(ticketId);
    api.call("POST", "/support/tickets/" + ticketId + "/messages", admin, "{\"message\":\"Got your screenshot\"}");
    team.message("Got your screenshot");
    assertThat(owner.drainMessages()).doesNotContain("Got your screenshot");
    assertThat(stranger.drainTypes()).isEmpty();
  }

  @Test
  void badFramesAreAnsweredAndTheConnectionStaysOpen() throws Exception {
    Client client = connect(user);
    for (String bad : List.of("not json", "{\"action\":\"dance\"}", "{\"action\":\"subscribe\",\"ticket_id\":\"nope\"}")) {
      client.send(bad);
      assertThat(client.next().get("type").asText()).isEqualTo("error");
    }
    client.send("{\"action\":\"ping\"}");
    assertThat(client.next().get("type").asText()).isEqualTo("pong");
  }

  @Test
  void reusedForgedAndMissingTokensAreRefusedAtTheUpgrade() {
    JsonNode issued = token(user);
    String url = issued.get("url").asText();
    Client first = new Client();
    HTTP.newWebSocketBuilder().buildAsync(URI.create(url + "?token=" + issued.get("token").asText()), first).join();
    for (String query : List.of("?token=" + issued.get("token").asText(), "?token=forged", "")) {
      assertThatThrownBy(() -> HTTP.newWebSocketBuilder().buildAsync(URI.create(url + query), new Client()).join())
          .isInstanceOf(CompletionException.class)
          .hasCauseInstanceOf(WebSocketHandshakeException.class)
          .satisfies(e -> assertThat(((WebSocketHandshakeException) e.getCause()).getResponse().statusCode())
              .isEqualTo(401));
    }
  }

  @Test
  void oneMerchantHoldsAtMostTenSocketsAndAClosedOneFreesItsSeat() throws Exception {
    // What was seen: 60 sockets for one merchant, and the 61st token still 201.
    String hoarder = DemoUsers.token(new com.commercive.support.domain.User("socket-hoarder", "Hoarder", "hoarder@example.com", "user"),
        system.config().jwt().requireSecret(), Instant.now());
    List<Client> open = new java.util.ArrayList<>();
    for (int i = 0; i < 10; i++) {
      open.add(connect(hoarder));
    }
    HttpRequest tokenRequest = HttpRequest.newBuilder(URI.create(system.apiUrl() + "/support/realtime/token"))
        .header("Authorization", "Bearer " + hoarder).POST(HttpRequest.BodyPublishers.noBody()).build();
    HttpResponse<String> refused = HTTP.send(tokenRequest, HttpResponse.BodyHandlers.ofString());
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.headers().firstValue("Retry-After")).contains("60");
    assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");

    open.get(0).socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
    LocalApi.await("a closed socket frees its seat", Duration.ofSeconds(10), () -> {
      try {
        return HTTP.send(tokenRequest, HttpResponse.BodyHandlers.ofString()).statusCode() == 201;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    for (Client client : open.subList(1, open.size())) {
      client.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
    }
  }

  @Test
  void aStaleConnectionIsForgottenWhenItsSocketAnswersGoneAndAReconnectWorks() throws Exception {
    String ticketId = openTicket(user);
    var store = new DynamoDbRealtimeStore(system.dynamoDb(), system.config().tables().connections());
    Connection stale = new Connection("stale-connection=", "demo-user", false, Instant.now());
    store.connect(stale);
    store.subscribe(stale, Topic.ticket(ticketId));
    Client owner = connect(user);
    owner.send("{\"action\":\"subscribe\",\"ticket_id\":\"" + ticketId + "\"}");
    owner.next("subscribed");

    api.call("POST", "/support/tickets/" + ticketId + "/messages", user, "{\"message\":\"still there?\"}");
    owner.message("still there?");

    LocalApi.await("the stale connection forgotten", Duration.ofSeconds(10),
        () -> store.connection(stale.connectionId()).isEmpty());
    assertThat(store.subscribers(Topic.ticket(ticketId))).extracting(Connection::connectionId)
        .doesNotContain(stale.connectionId());

    owner.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
    Client again = connect(user);
    again.send("{\"action\":\"subscribe\",\"ticket_id\":\"" + ticketId + "\"}");
    assertThat(again.next("subscribed").get("ticket_id").asText()).isEqualTo(ticketId);
  }
}
