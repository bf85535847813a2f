package com.commercive.support.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 29, row 8: the runner started as its own process ({@code java -cp … LocalRunner}) on free
 * ports with its data on disk, some questions asked and answered, more asked, and the process
 * killed mid-load with SIGKILL ({@link Process#destroyForcibly()}, as {@code kill -9}); then started
 * again on the same ports and folder. It must come up with no hand work (the stand-ins of the
 * killed runner gone with it), keep every acknowledged write, answer every question exactly once,
 * resume the streams where they were (no record of the work done before the crash handed to a
 * function again, no AI job redone) and send no email twice.
 */
class CrashIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Pattern ROUTED = Pattern.compile("\"event_id\":\"([^\"]+)\"");
  static final Pattern AI_JOB = Pattern.compile("\"ticket_id\":\"([^\"]+)\"");
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  final Map<String, String> tokens = new HashMap<>();
  Map<String, String> env;
  URI api;
  Process runner;

  @TempDir
  Path folder;

  @AfterEach
  void stopRunner() throws InterruptedException {
    if (runner != null && runner.isAlive()) {
      runner.destroy(); // SIGTERM: the runner's shutdown hook stops everything it started
      if (!runner.waitFor(20, TimeUnit.SECONDS)) {
        runner.destroyForcibly();
      }
    }
  }

  @Test
  void aRunnerKilledMidLoadRestartsOnTheSamePortsAndResumesWhereItWas() throws Exception {
    env = new HashMap<>(Map.of(
        "PORT", port(), "DYNAMODB_PORT", port(), "SQS_PORT", port(), "SES_PORT", port(), "S3_PORT", port(),
        "WS_PORT", port(), "DYNAMODB_DATA_DIR", folder.resolve("data").toString(),
        "SQS_VISIBILITY_TIMEOUT_SECONDS", "2", "LOG_LEVEL", "INFO", "TICKETS_PER_USER_PER_HOUR", "1000"));
    env.put("SES_STANDIN_DIR", Path.of("ses-standin").toAbsolutePath().toString());
    env.put("S3_STANDIN_DIR", Path.of("s3-standin").toAbsolutePath().toString());
    api = URI.create("http://127.0.0.1:" + env.get("PORT"));
    for (var user : DemoUsers.ALL) {
      tokens.put(user.userId(), DemoUsers.token(user, LocalSystem.LOCAL_JWT_SECRET.getBytes(StandardCharsets.UTF_8),
          Instant.now()));
    }
    Path firstLog = folder.resolve("first.log");
    Path secondLog = folder.resolve("second.log");
    long started = System.nanoTime();

    runner = start(firstLog);
    List<String> answered = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      answered.add(ask("Before the crash " + i));
    }
    for (String ticket : answered) {
      LocalApi.await("the AI reply on " + ticket, Duration.ofSeconds(30), () -> aiReplies(ticket) == 1);
    }
    LocalApi.pause(3_000); // the stream mappings save their position once caught up and the queues empty
    Set<String> routedBeforeLoad = matches(firstLog, "stream record routed", ROUTED);

    List<String> inFlight = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      inFlight.add(ask("During the crash " + i));
    }
    runner.destroyForcibly();
    assertThat(runner.waitFor(20, TimeUnit.SECONDS)).isTrue();

    runner = start(secondLog);
    List<String> all = new ArrayList<>(answered);
    all.addAll(inFlight);
    for (String ticket : all) {
      JsonNode thread = thread(ticket);
      assertThat(thread.get("messages")).as("every acknowledged write is kept: " + ticket)
          .anySatisfy(m -> assertThat(m.get("sender_type").asText()).isEqualTo("user"));
    }
    for (String ticket : inFlight) {
      LocalApi.await("the AI reply on " + ticket + " after the restart", Duration.ofSeconds(30),
          () -> aiReplies(ticket) >= 1);
    }
    LocalApi.pause(2_000); // anything handed over twice would be answered by now
    for (String ticket : all) {
      assertThat(aiReplies(ticket)).as("one AI reply on " + ticket).isEqualTo(1);
    }

    Set<String> routedAgain = matches(secondLog, "stream record routed", ROUTED);
    routedAgain.retainAll(routedBeforeLoad);
    Set<String> aiJobsAfterRestart = matches(secondLog, "ai job handled", AI_JOB);
    List<String> emails = sentEmails();
    System.out.printf("crash: restarted in %d s in all; %d records routed again of %d routed before the load;"
            + " AI jobs after the restart on %d tickets (%d asked just before the kill); %d emails after the restart%n",
        (System.nanoTime() - started) / 1_000_000_000, routedAgain.size(), routedBeforeLoad.size(),
        aiJobsAfterRestart.size(), inFlight.size(), emails.size());
    assertThat(routedBeforeLoad).as("the first run routed its records").isNotEmpty();
    assertThat(routedAgain).as("no record of the work done before the crash is routed again").isEmpty();
    assertThat(aiJobsAfterRestart).as("no AI job of the work done before the crash redone").isSubsetOf(inFlight);
    assertThat(emails).as("no email sent twice after the restart").doesNotHaveDuplicates();
  }

  Process start(Path log) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), LocalRunner.class.getName())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(env);
    Process process = builder.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!healthy()) {
      assertThat(process.isAlive()).as("the runner is running; its output: " + Files.readString(log)).isTrue();
      assertThat(System.nanoTime()).as("the runner answers within 60 s").isLessThan(deadline);
      LocalApi.pause(200);
    }
    return process;
  }

  boolean healthy() {
    try {
      return http.send(HttpRequest.newBuilder(api.resolve("/support/health")).timeout(Duration.ofSeconds(2)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException notYet) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Opens a ticket with a question the help articles answer; returns its id once acknowledged. */
  String ask(String subject) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(api.resolve("/support/tickets"))
        .header("Authorization", "Bearer " + tokens.get("demo-user")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("subject", subject,
            "message", "How do I reset my password?")))).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return JSON.readTree(response.body()).at("/ticket/ticket_id").asText();
  }

  JsonNode thread(String ticket) {
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(api.resolve("/support/tickets/" + ticket
          + "/messages")).header("Authorization", "Bearer " + tokens.get("demo-user")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  int aiReplies(String ticket) {
    int replies = 0;
    for (JsonNode message : thread(ticket).get("messages")) {
      replies += message.get("sender_type").asText().equals("ai") ? 1 : 0;
    }
    return replies;
  }

  /** Each email the (new) SES stand-in holds, as recipient, subject and text. */
  List<String> sentEmails() throws IOException, InterruptedException {
    URI ses = URI.create("http://127.0.0.1:" + env.get("SES_PORT") + "/store");
    JsonNode store = JSON.readTree(http.send(HttpRequest.newBuilder(ses).build(),
        HttpResponse.BodyHandlers.ofString()).body());
    List<String> emails = new ArrayList<>();
    store.path("emails").forEach(e -> emails.add(e.at("/destination/to/0").asText() + "|" + e.path("subject").asText()
        + "|" + e.at("/body/text").asText()));
    return emails;
  }

  /** The first group of {@code pattern} in each log line that says {@code message}. */
  static Set<String> matches(Path log, String message, Pattern pattern) throws IOException {
    Set<String> found = new HashSet<>();
    for (String line : Files.readAllLines(log)) {
      if (line.contains("\"message\":\"" + message + "\"")) {
        Matcher matcher = pattern.matcher(line);
        if (matcher.find()) {
          found.add(matcher.group(1));
        }
      }
    }
    return found;
  }

  static String port() {
    return Integer.toString(FreePorts.find());
  }
}
