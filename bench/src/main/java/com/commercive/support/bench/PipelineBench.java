package com.commercive.support.bench;

import static com.commercive.support.resources.EnvironmentVariables.AI_AUTO_REPLIES_PER_USER_PER_HOUR;
import static com.commercive.support.resources.EnvironmentVariables.EMAILS_PER_TICKET_PER_HOUR;
import static com.commercive.support.resources.EnvironmentVariables.TICKETS_PER_USER_PER_HOUR;

import com.commercive.support.local.LocalSystem;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The asynchronous pipeline end to end in the local system (DynamoDB Local's streams polled as
 * Lambda polls them, ElasticMQ, the SES stand-in): how long a merchant's question takes to get
 * its AI reply stored, the support team's email sent and the owner's email about the reply sent,
 * first one question at a time, then under a burst of questions sent as fast as the API takes
 * them, which also gives the throughput. Every ticket is audited afterwards: one AI reply, one
 * email of each kind, empty dead-letter queues.
 *
 * <p>Run from {@code bench/} after {@code mvn -q -B -DskipTests install}: {@code LOG_LEVEL=WARN
 * mvn -q -B exec:java -Dexec.mainClass=com.commercive.support.bench.PipelineBench}. {@code
 * -Dpipeline.samples} (default 100) and {@code -Dpipeline.burst} (default 400) size the phases;
 * {@code -Dpipeline.pollers} (default 1) is the local system's {@code QUEUE_POLLERS}.
 */
public final class PipelineBench {
  // Longer than most: a bench's set-up, load, audit and report, read in the order they run.
  static final ObjectMapper JSON = new ObjectMapper();
  static final int USERS = 20;
  static final int SENDERS = 4;
  /** Questions the help articles answer, so each gets a reply and no handoff email. */
  static final String[] QUESTIONS = {
    "How do I reset my password?", "Where do I add a tracking number to an order?",
    "How do I request a payout?", "How do I get my affiliate referral link?",
    "My Shopify store shows as disconnected", "Why are my inventory levels out of date?"};
  static final String TEAM = "alex@example.com";

  private final LocalSystem system;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Map<String, String> tokens;
  /** First time the bench saw each email, by subject and recipient. */
  private final Map<String, Long> emailSeen = new ConcurrentHashMap<>();
  private long lastPoll;

  PipelineBench(LocalSystem system) {
    this.system = system;
    this.tokens = BenchUsers.create(system, USERS);
  }

  public static void main(String[] args) throws Exception {
    // The local system's pollers are not daemons: exit explicitly, or exec:java waits for them.
    int status = 0;
    try {
      run();
    } catch (Exception e) {
      LoggerFactory.getLogger(PipelineBench.class).error("the pipeline bench failed", e);
      status = 1;
    }
    System.exit(status);
  }

  static void run() throws Exception {
    int samples = Integer.getInteger("pipeline.samples", 100);
    int burst = Integer.getInteger("pipeline.burst", 400);
    try (LocalSystem system = LocalSystem.start(settings(Path.of(System.getProperty("functions.dir", "..")),
        Integer.getInteger("pipeline.pollers", 1)))) {
      PipelineBench bench = new PipelineBench(system);
      bench.oneAtATime(5, "warm-up");
      List<Sample> alone = bench.oneAtATime(samples, "alone");
      Burst loaded = bench.burst(burst);
      System.out.println("| phase | questions | AI reply stored p50 / p99 ms | team email sent p50 / p99 ms "
          + "| owner's email sent p50 / p99 ms |");
      System.out.println("|---|---|---|---|---|");
      row("one at a time", alone);
      row("burst of " + burst + " (" + SENDERS + " senders)", loaded.samples());
      System.out.printf("burst: %d questions accepted in %.1f s; every reply stored and email sent %.1f s after the"
              + " first request: %.1f questions/s through the whole pipeline; audit: %d AI replies, %d team and %d"
              + " owner emails, none lost or twice; dead-letter queues %d%n",
          burst, loaded.acceptSeconds(), loaded.totalSeconds(), burst / loaded.totalSeconds(),
          loaded.aiReplies(), loaded.teamEmails(), loaded.ownerEmails(), loaded.deadLetters());
    }
  }

  /**
   * The local system as deployed settings would run it (the AI's burst-settle wait included),
   * with the per-user abuse limits lifted so the burst is not rate limited.
   */
  static LocalSystem.Settings settings(Path functionsDir, int queuePollers) {
    return LocalSystem.Settings.forTests(Map.of(
        TICKETS_PER_USER_PER_HOUR, "100000", AI_AUTO_REPLIES_PER_USER_PER_HOUR, "100000",
        EMAILS_PER_TICKET_PER_HOUR, "100000", "QUEUE_POLLERS", Integer.toString(queuePollers),
        "SES_STANDIN_DIR", functionsDir.resolve("local").resolve("ses-standin").toString(),
        "S3_STANDIN_DIR", functionsDir.resolve("local").resolve("s3-standin").toString()));
  }

  /** One question's times from the request being sent, in ms. */
  record Sample(long aiStored, long teamEmail, long ownerEmail) {}

  record Burst(List<Sample> samples, double acceptSeconds, double totalSeconds, int aiReplies, int teamEmails,
      int ownerEmails, int deadLetters) {}

  /** A ticket asked by the bench: its owner, id, subject and when the request went out. */
  record Asked(String owner, String ticketId, String subject, long sentAt) {}

  /** Questions one after another, each followed to its last email before the next is asked. */
  List<Sample> oneAtATime(int count, String label) throws Exception {
    List<Sample> samples = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Asked asked = ask("bench-user-" + (i % USERS), label + " " + i, QUESTIONS[i % QUESTIONS.length]);
      long deadline = System.currentTimeMillis() + 30_000;
      Sample sample = null;
      while (sample == null) {
        if (System.currentTimeMillis() > deadline) {
          throw new IllegalStateException("no reply or email within 30 s for " + asked + "; emails seen: "
              + emailSeen.keySet() + "; thread: " + thread(asked));
        }
        Thread.sleep(10);
        pollEmails();
        sample = completed(asked);
      }
      samples.add(sample);
    }
    return samples;
  }

  /** {@code count} questions from {@link #SENDERS} threads as fast as the API takes them. */
  Burst burst(int count) throws Exception {
    List<Asked> asked = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger next = new AtomicInteger();
    long started = System.currentTimeMillis();
    ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
    List<Future<?>> sent = new ArrayList<>();
    for (int t = 0; t < SENDERS; t++) {
      sent.add(senders.submit(() -> {
        for (int i; (i = next.getAndIncrement()) < count; ) {
          asked.add(ask("bench-user-" + (i % USERS), "burst " + i, QUESTIONS[i % QUESTIONS.length]));
        }
        return null;
      }));
    }
    senders.shutdown();
    // Emails are watched while the questions are still being sent: the first replies go out then.
    long deadline = System.currentTimeMillis() + 600_000;
    long accepted = 0;
    List<Asked> pending = new ArrayList<>();
    while (!senders.isTerminated() || !pending.isEmpty()) {
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException(pending.size() + " questions still unanswered after 10 min");
      }
      Thread.sleep(50);
      pollEmails();
      if (accepted == 0 && senders.isTerminated()) {
        accepted = System.currentTimeMillis();
        for (Future<?> sender : sent) {
          sender.get(); // rethrows what stopped a sender
        }
        pending.addAll(asked);
      }
      // The thread is read only once both emails are in: the owner's email follows the reply.
      pending.removeIf(a -> emailSeen.containsKey(key(TEAM, "New ticket: " + a.subject()))
          && emailSeen.containsKey(key(a.owner() + "@example.com", "Re: " + a.subject())));
    }
    double acceptSeconds = (accepted - started) / 1e3;
    List<Sample> samples = new ArrayList<>();
    long finished = 0;
    for (Asked a : asked) {
      Sample sample = completed(a);
      if (sample == null) {
        throw new IllegalStateException("both emails but no AI reply for " + a);
      }
      samples.add(sample);
      finished = Math.max(finished, a.sentAt() + Math.max(sample.aiStored(), Math.max(sample.teamEmail(),
          sample.ownerEmail())));
    }
    int[] audit = audit(asked);
    return new Burst(samples, acceptSeconds, (finished - started) / 1e3, audit[0], audit[1], audit[2],
        deadLetters());
  }

  Asked ask(String owner, String label, String question) throws IOException, InterruptedException {
    String subject = "Pipeline " + label;
    long sentAt = System.currentTimeMillis();
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(system.apiUrl() + "/support/tickets"))
        .header("Authorization", "Bearer " + tokens.get(owner)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("subject", subject,
            "message", question)))).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 201) {
      throw new IllegalStateException("POST /support/tickets answered " + response.statusCode() + ": " + response.body());
    }
    return new Asked(owner, JSON.readTree(response.body()).at("/ticket/ticket_id").asText(), subject, sentAt);
  }

  /** The question's times once its reply is stored and both emails were seen, else null. */
  Sample completed(Asked asked) throws IOException, InterruptedException {
    Long team = emailSeen.get(key(TEAM, "New ticket: " + asked.subject()));
    Long owner = emailSeen.get(key(asked.owner() + "@example.com", "Re: " + asked.subject()));
    if (team == null || owner == null) {
      return null;
    }
    JsonNode ai = null;
    for (JsonNode message : thread(asked).get("messages")) {
      if (message.get("sender_type").asText().equals("ai")) {
        ai = message;
      }
    }
    if (ai == null) {
      return null;
    }
    // created_at is written by the AI worker in this JVM, on the same clock as sentAt.
    long stored = java.time.Instant.parse(ai.get("created_at").asText()).toEpochMilli();
    return new Sample(stored - asked.sentAt(), team - asked.sentAt(), owner - asked.sentAt());
  }

  JsonNode thread(Asked asked) throws IOException, InterruptedException {
    return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(system.apiUrl() + "/support/tickets/"
            + asked.ticketId() + "/messages?limit=200")).header("Authorization", "Bearer " + tokens.get(asked.owner()))
        .build(), HttpResponse.BodyHandlers.ofString()).body());
  }

  /** Notes the first sighting of every email sent since the last poll. */
  void pollEmails() throws IOException, InterruptedException {
    long now = System.currentTimeMillis();
    // From a second before the last poll: the store keeps whole seconds.
    long since = (lastPoll == 0 ? now : lastPoll) / 1000 - 1;
    lastPoll = now;
    JsonNode store = JSON.readTree(http.send(HttpRequest.newBuilder(system.sesEndpoint().resolve("/store?since=" + since))
        .build(), HttpResponse.BodyHandlers.ofString()).body());
    for (JsonNode email : store.path("emails")) {
      String subject = email.get("subject").asText();
      int shortId = subject.lastIndexOf(" (#");
      String heading = subject.substring("[Commercive Support] ".length(), shortId < 0 ? subject.length() : shortId);
      emailSeen.putIfAbsent(key(email.at("/destination/to/0").asText(), heading), now);
    }
  }

  /** Reads every thread and the whole email store: [AI replies, team emails, owner emails]. */
  int[] audit(List<Asked> asked) throws IOException, InterruptedException {
    int aiReplies = 0;
    for (Asked a : asked) {
      int ai = 0;
      int user = 0;
      for (JsonNode message : thread(a).get("messages")) {
        ai += message.get("sender_type").asText().equals("ai") ? 1 : 0;
        user += message.get("sender_type").asText().equals("user") ? 1 : 0;
      }
      if (ai != 1 || user != 1) {
        throw new IllegalStateException(a + " has " + user + " user messages and " + ai + " AI replies");
      }
      aiReplies += ai;
    }
    Map<String, Integer> sent = new HashMap<>();
    JsonNode store = JSON.readTree(http.send(HttpRequest.newBuilder(system.sesEndpoint().resolve("/store")).build(),
        HttpResponse.BodyHandlers.ofString()).body());
    for (JsonNode email : store.path("emails")) {
      sent.merge(email.at("/destination/to/0").asText() + "|" + email.get("subject").asText(), 1, Integer::sum);
    }
    int team = 0;
    int owner = 0;
    for (Map.Entry<String, Integer> email : sent.entrySet()) {
      if (email.getKey().contains("] Re: Pipeline burst ") || email.getKey().contains("] New ticket: Pipeline burst ")) {
        if (email.getValue() != 1) {
          throw new IllegalStateException("sent " + email.getValue() + " times: " + email.getKey());
        }
        if (email.getKey().startsWith(TEAM + "|")) {
          team++;
        } else {
          owner++;
        }
      }
    }
    if (team != asked.size() || owner != asked.size()) {
      throw new IllegalStateException(team + " team and " + owner + " owner emails for " + asked.size() + " questions");
    }
    return new int[] {aiReplies, team, owner};
  }

  int deadLetters() {
    int total = 0;
    for (String queue : List.of(system.queues().aiJobsDlq(), system.queues().notificationsDlq(),
        system.queues().streamFailures())) {
      total += Integer.parseInt(system.sqs().getQueueAttributes(r -> r.queueUrl(queue)
          .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
          .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
    }
    return total;
  }

  static String key(String recipient, String heading) {
    return recipient + "|" + heading;
  }

  static void row(String phase, List<Sample> samples) {
    System.out.printf("| %s | %d | %s | %s | %s |%n", phase, samples.size(),
        percentiles(samples.stream().map(Sample::aiStored).toList()),
        percentiles(samples.stream().map(Sample::teamEmail).toList()),
        percentiles(samples.stream().map(Sample::ownerEmail).toList()));
  }

  /** p50 / p99 by nearest rank. */
  static String percentiles(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get((int) Math.ceil(0.50 * sorted.size()) - 1) + " / "
        + sorted.get((int) Math.ceil(0.99 * sorted.size()) - 1);
  }
}
