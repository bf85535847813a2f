package com.commercive.support.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.commercive.support.lambda.WorkMessages;
import com.commercive.support.pipeline.Notification;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Faults injected into the running local system: an AI provider that fails, throttles and hangs
 * for a while, an SES outage, and a dead-letter queue redriven once the cause is fixed.
 */
class FaultsIT {
  static HttpServer fakeLlm;
  static final AtomicInteger llmCalls = new AtomicInteger();
  static LocalSystem system;
  static LocalApi api;
  static String user;
  static String admin;

  /** Fails the first calls in turn with 500, 429 and a hang, then answers. */
  @BeforeAll
  static void start() throws IOException {
    fakeLlm = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    fakeLlm.setExecutor(Executors.newFixedThreadPool(8));
    fakeLlm.createContext("/v1/chat/completions", exchange -> {
      int call = llmCalls.incrementAndGet();
      exchange.getRequestBody().readAllBytes();
      try (exchange) {
        if (call % 4 == 1) {
          exchange.sendResponseHeaders(500, -1);
        } else if (call % 4 == 2) {
          exchange.getResponseHeaders().set("Retry-After", "0");
          exchange.sendResponseHeaders(429, -1);
        } else if (call % 4 == 3) {
          sleep(1_500);
          exchange.sendResponseHeaders(503, -1);
        } else {
          byte[] body = ("{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":"
              + "\"Answer from the language model.\"}}]}").getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
        }
      }
    });
    fakeLlm.start();
    system = LocalSystem.start(LocalSystem.Settings.forTests(Map.of(
        "AI_PROVIDER", "openai",
        "OPENAI_BASE_URL", "http://127.0.0.1:" + fakeLlm.getAddress().getPort() + "/v1",
        "OPENAI_MODEL", "fake-model",
        "AI_TIMEOUT_MS", "500",
        "AI_MAX_ATTEMPTS", "2",
        "TICKETS_PER_USER_PER_HOUR", "1000",
        "AI_AUTO_REPLIES_PER_USER_PER_HOUR", "1000")));
    api = new LocalApi(system);
    user = system.tokenFor("demo-user");
    admin = system.tokenFor("demo-admin");
  }

  @AfterAll
  static void stop() {
    system.close();
    fakeLlm.stop(0);
  }

  static JsonNode call(String method, String path, String token, String body) {
    return api.call(method, path, token, body);
  }

  static long aiReplies(String ticketId) {
    List<JsonNode> ai = new ArrayList<>();
    call("GET", "/support/tickets/" + ticketId + "/messages?limit=200", user, null).get("messages")
        .forEach(m -> {
          if (m.get("sender_type").asText().equals("ai")) {
            ai.add(m);
          }
        });
    return ai.size();
  }

  static int emailsTo(String recipient, String subjectPart) {
    int count = 0;
    for (JsonNode email : api.emails()) {
      if (email.at("/destination/to/0").asText().equals(recipient) && email.get("subject").asText().contains(subjectPart)) {
        count++;
      }
    }
    return count;
  }

  static void await(String what, Duration timeout, BooleanSupplier condition) {
    LocalApi.await(what, timeout, condition);
  }

  static void sleep(long millis) {
    LocalApi.pause(millis);
  }

  @Test
  void everyQuestionGetsExactlyOneReplyWhileTheProviderFailsThrottlesAndHangs() {
    List<String> tickets = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      tickets.add(call("POST", "/support/tickets", user,
          "{\"subject\":\"Provider fault " + i + "\",\"message\":\"How do I request a payout?\"}")
          .at("/ticket/ticket_id").asText());
    }
    for (String id : tickets) {
      await("a reply on " + id, Duration.ofSeconds(30), () -> aiReplies(id) >= 1);
    }
    sleep(2_000);
    for (String id : tickets) {
      assertThat(aiReplies(id)).as(id).isEqualTo(1);
    }
    // Failures, throttling and hangs happened, and each got either the model's answer or the
    // knowledge base's (never an error, never nothing).
    assertThat(llmCalls.get()).isGreaterThanOrEqualTo(6);
  }

  @Test
  void anEmailIsSentOnceWhenSesComesBack() {
    system.stopEmail();
    String id;
    try {
      id = call("POST", "/support/tickets", user, "{\"subject\":\"During the SES outage\"}").at("/ticket/ticket_id").asText();
      sleep(3_000);
    } finally {
      system.startEmail();
    }
    String ticket = id;
    await("the email after the outage", Duration.ofSeconds(30),
        () -> emailsTo("alex@example.com", "New ticket: During the SES outage") == 1);
    sleep(3_000);
    assertThat(emailsTo("alex@example.com", "New ticket: During the SES outage")).isEqualTo(1);
    assertThat(ticket).isNotBlank();
  }

  @Test
  void aDeadLetterQueueCanBeRedriven() {
    String id = call("POST", "/support/tickets", user, "{\"subject\":\"Redriven later\"}").at("/ticket/ticket_id").asText();
    // A notification that failed for good (say, during a long SES outage) sits in the DLQ...
    String parked = WorkMessages.write(new Notification("parked-" + id, Notification.Kind.TICKET_CLOSED, id, null));
    system.sqs().sendMessage(r -> r.queueUrl(system.queues().notificationsDlq()).messageBody(parked));
    // ...until the redrive command moves it back, and it is delivered.
    assertThat(Redrive.move(system.sqs(), system.queues().notificationsDlq(), system.queues().notifications(), false))
        .isEqualTo(1);
    await("the redriven email", Duration.ofSeconds(20),
        () -> emailsTo("dana@example.com", "Closed: Redriven later") == 1);
  }
}
