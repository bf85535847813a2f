package com.commercive.support.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.commercive.support.domain.User;
import com.commercive.support.store.dynamodb.UserItems;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A bounded load on loopback: users open tickets and post messages concurrently for a fixed time,
 * then an audit checks that nothing was lost or done twice.
 */
class LoadIT {
  static final int USERS = 12;
  static final int THREADS = 6;
  static final Duration LOAD = Duration.ofSeconds(15);
  static final int MAX_REQUESTS = 3_000;
  static final ObjectMapper JSON = new ObjectMapper();
  static final String[] QUESTIONS = {
    "My products are not showing up", "Where do I add a tracking number?", "How do I request a payout?",
    "I can't log in to my account", "How do I get my referral link?", "My store says connection lost"};
  static LocalSystem system;
  static HttpClient http;

  @BeforeAll
  static void start() {
    system = LocalSystem.start(LocalSystem.Settings.forTests(Map.of(
        "TICKETS_PER_USER_PER_HOUR", "100000", "AI_AUTO_REPLIES_PER_USER_PER_HOUR", "100000",
        "EMAILS_PER_TICKET_PER_HOUR", "100000", "AI_MAX_REPLIES_PER_TICKET", "1000")));
    http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    for (int i = 0; i < USERS; i++) {
      User user = new User("load-user-" + i, "Load User " + i, "load-user-" + i + "@example.com", "user");
      system.dynamoDb().putItem(r -> r.tableName(system.config().tables().users()).item(UserItems.toItem(user)));
    }
  }

  @AfterAll
  static void stop() {
    system.close();
  }

  static String token(String userId) {
    Instant now = Instant.now();
    return JWT.create().withSubject(userId).withIssuedAt(now).withExpiresAt(now.plus(Duration.ofHours(1)))
        .sign(Algorithm.HMAC256(system.config().jwt().requireSecret()));
  }

  static HttpResponse<String> send(String method, String path, String token, String body) {
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(system.apiUrl() + path))
          .timeout(Duration.ofSeconds(30))
          .header("Authorization", "Bearer " + token)
          .header("Content-Type", "application/json")
          .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body)).build(),
          BodyHandlers.ofString());
      OpenApiContract.check(method, path, response);
      return response;
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  static int queued(String queueUrl) {
    Map<QueueAttributeName, String> attributes = system.sqs().getQueueAttributes(r -> r.queueUrl(queueUrl)
        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
    return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
        + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
  }

  @Test
  void underConcurrentLoadNothingIsLostOrDoneTwice() throws Exception {
    Map<String, String> tokens = new HashMap<>();
    for (int i = 0; i < USERS; i++) {
      tokens.put("load-user-" + i, token("load-user-" + i));
    }
    Map<String, List<String>> ticketsByUser = new ConcurrentHashMap<>();
    Map<String, String> ownerOfTicket = new ConcurrentHashMap<>();
    List<String[]> accepted = new CopyOnWriteArrayList<>();
    AtomicInteger requests = new AtomicInteger();
    AtomicInteger serverErrors = new AtomicInteger();
    long deadline = System.nanoTime() + LOAD.toNanos();

    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    for (int t = 0; t < THREADS; t++) {
      pool.submit(() -> {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (System.nanoTime() < deadline && requests.incrementAndGet() <= MAX_REQUESTS) {
          String userId = "load-user-" + random.nextInt(USERS);
          List<String> own = ticketsByUser.getOrDefault(userId, List.of());
          // Unique text, so that each team email can be told apart in the audit.
          String question = QUESTIONS[random.nextInt(QUESTIONS.length)] + " #" + requests.get();
          HttpResponse<String> response;
          if (own.isEmpty() || random.nextInt(4) == 0) {
            response = send("POST", "/support/tickets", tokens.get(userId),
                "{\"subject\":\"Load ticket\",\"message\":\"" + question + "\"}");
            if (response.statusCode() == 201) {
              JsonNode body = json(response);
              String ticketId = body.at("/ticket/ticket_id").asText();
              ticketsByUser.computeIfAbsent(userId, k -> new CopyOnWriteArrayList<>()).add(ticketId);
              ownerOfTicket.put(ticketId, userId);
              accepted.add(new String[] {ticketId, body.at("/message/message_id").asText()});
            }
          } else {
            String ticketId = own.get(random.nextInt(own.size()));
            response = send("POST", "/support/tickets/" + ticketId + "/messages", tokens.get(userId),
                "{\"message\":\"" + question + " (follow-up)\"}");
            if (response.statusCode() == 201) {
              accepted.add(new String[] {ticketId, json(response).at("/message/message_id").asText()});
            }
          }
          if (response.statusCode() >= 500) {
            serverErrors.incrementAndGet();
          }
        }
        return null;
      });
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(LOAD.toSeconds() + 60, TimeUnit.SECONDS)).isTrue();
    long loadEnded = System.nanoTime();

    // Let the pipeline drain: both queues empty, and stay empty, with the streams polled through.
    long drainDeadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    int quiet = 0;
    while (quiet < 8 && System.nanoTime() < drainDeadline) {
      quiet = queued(system.queues().aiJobs()) + queued(system.queues().notifications()) == 0 ? quiet + 1 : 0;
      Thread.sleep(500);
    }
    double drainSeconds = (System.nanoTime() - loadEnded) / 1e9;

    // The audit.
    Map<String, Set<String>> acceptedByTicket = new HashMap<>();
    accepted.forEach(a -> acceptedByTicket.computeIfAbsent(a[0], k -> new HashSet<>()).add(a[1]));
    int userMessages = 0;
    int aiReplies = 0;
    int handoffs = 0;
    for (Map.Entry<String, Set<String>> entry : acceptedByTicket.entrySet()) {
      String ticketId = entry.getKey();
      JsonNode page = json(send("GET", "/support/tickets/" + ticketId + "/messages?limit=200",
          tokens.get(ownerOfTicket.get(ticketId)), null));
      JsonNode messages = page.get("messages");
      List<String> ids = new ArrayList<>();
      Set<String> userIds = new HashSet<>();
      messages.forEach(m -> {
        ids.add(m.get("message_id").asText());
        if (m.get("sender_type").asText().equals("user")) {
          userIds.add(m.get("message_id").asText());
        }
      });
      assertThat(ids).as("no message stored twice").doesNotHaveDuplicates();
      assertThat(userIds).as("every accepted message stored, nothing else").isEqualTo(entry.getValue());
      assertThat(page.at("/ticket/message_count").asInt()).as("count matches the thread").isEqualTo(messages.size());
      for (JsonNode m : messages) {
        if (m.get("sender_type").asText().equals("ai")) {
          aiReplies++;
          if (m.get("message").asText().startsWith("Thanks for your question. I couldn't find")) {
            handoffs++;
          }
          assertThat(userIds).as("an AI reply answers a real message").contains(m.get("message_id").asText().substring(3));
        }
      }
      assertThat(messages.get(messages.size() - 1).get("sender_type").asText())
          .as("the last messages of %s were answered", ticketId).isEqualTo("ai");
      userMessages += userIds.size();
    }

    JsonNode store = JSON.readTree(http.send(HttpRequest.newBuilder(system.sesEndpoint().resolve("/store")).build(),
        BodyHandlers.ofString()).body());
    int teamEmails = 0;
    int handoffEmails = 0;
    int ownerEmails = 0;
    Set<String> distinct = new HashSet<>();
    for (JsonNode email : store.get("emails")) {
      String to = email.at("/destination/to/0").asText();
      if (to.equals("alex@example.com") && email.get("subject").asText().startsWith("[Commercive Support] Needs a person:")) {
        handoffEmails++;
      } else if (to.equals("alex@example.com")) {
        teamEmails++;
        assertThat(distinct.add(email.get("subject").asText() + "|" + email.at("/body/text").asText()))
            .as("no team email sent twice").isTrue();
      } else if (to.startsWith("load-user-")) {
        ownerEmails++;
      }
    }
    int dead = queued(system.queues().aiJobsDlq()) + queued(system.queues().notificationsDlq())
        + queued(system.queues().streamFailures());

    System.out.printf("load: %d requests by %d users on %d threads in %d s, %d messages accepted (%.1f/s),"
            + " 0 lost; %d AI replies (%d handoffs); %d team, %d handoff and %d owner emails, none twice;"
            + " pipeline drained %.1f s after"
            + " the load; dead-letter queues: %d; 5xx: %d%n",
        Math.min(requests.get(), MAX_REQUESTS), USERS, THREADS, LOAD.toSeconds(), accepted.size(),
        accepted.size() / (double) LOAD.toSeconds(), aiReplies, handoffs, teamEmails, handoffEmails, ownerEmails,
        drainSeconds, dead,
        serverErrors.get());
    assertThat(serverErrors).hasValue(0);
    assertThat(userMessages).isEqualTo(accepted.size());
    assertThat(teamEmails).as("one team email per merchant message").isEqualTo(userMessages);
    assertThat(ownerEmails).as("one owner email per AI reply").isEqualTo(aiReplies);
    assertThat(handoffEmails).as("one team email per handoff").isEqualTo(handoffs);
    assertThat(dead).isZero();
  }
}
