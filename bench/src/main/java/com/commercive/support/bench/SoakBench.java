package com.commercive.support.bench;

import static com.commercive.support.resources.EnvironmentVariables.AI_AUTO_REPLIES_PER_USER_PER_HOUR;
import static com.commercive.support.resources.EnvironmentVariables.AI_MAX_REPLIES_PER_TICKET;
import static com.commercive.support.resources.EnvironmentVariables.EMAILS_PER_TICKET_PER_HOUR;
import static com.commercive.support.resources.EnvironmentVariables.MESSAGES_PER_USER_PER_HOUR;
import static com.commercive.support.resources.EnvironmentVariables.TICKETS_PER_USER_PER_HOUR;

import com.commercive.support.local.LocalSystem;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The soak of issue 29 (row 7): the local system kept on disk (DynamoDB Local over SQLite, as
 * {@code DYNAMODB_DATA_DIR} runs it) under a steady mixed load from several clients for minutes:
 * merchants open tickets, post follow-ups, list their tickets and read threads, each client pausing
 * a little between requests as people do. Every few seconds the queues' depths are printed; after
 * the load, the bench waits until every merchant message has its team email, then reads the SES
 * stand-in's store: how late each team email went out (its {@code at}, whole seconds, against the
 * request's send), whether any was lost or sent twice, and how long the pipeline took to drain.
 *
 * <p>Run from {@code bench/} after {@code mvn -q -B -DskipTests install}: {@code LOG_LEVEL=WARN
 * mvn -q -B exec:java -Dexec.mainClass=com.commercive.support.bench.SoakBench -Dsoak.seconds=300}.
 * {@code -Dsoak.seconds} (default 30), {@code -Dsoak.clients} (default 10), {@code -Dsoak.pauseMs}
 * (default 300, the mean pause between a client's requests), {@code -Dsoak.dataDir} (default a new
 * temporary folder), {@code -Dsoak.inMemory=true} (no data folder: DynamoDB Local in memory). A
 * tenth of the requests open a ticket, a fifth post a follow-up, the rest read.
 */
public final class SoakBench {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String TEAM = "alex@example.com";
  static final Pattern TOKEN = Pattern.compile("soak-(\\d+)-");
  static final String[] QUESTIONS = {
    "How do I reset my password?", "Where do I add a tracking number to an order?",
    "How do I request a payout?", "My Shopify store shows as disconnected",
    "Why are my inventory levels out of date?", "I want to talk to a person about my invoice"};

  private final LocalSystem system;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Map<String, String> tokens;
  private final List<String> users;
  /** Each accepted merchant message: its number → when its request was sent (ms). */
  private final Map<Integer, Long> sentAt = new ConcurrentHashMap<>();
  private final Map<String, List<String>> ticketsOf = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
  private final AtomicInteger next = new AtomicInteger();
  private final AtomicInteger failures = new AtomicInteger();

  SoakBench(LocalSystem system, int clients) {
    this.system = system;
    this.tokens = BenchUsers.create(system, clients * 2);
    this.users = new ArrayList<>(tokens.keySet());
  }

  public static void main(String[] args) {
    // The local system's pollers are not daemons: exit explicitly, or exec:java waits for them.
    int status = 0;
    try {
      run(Integer.getInteger("soak.seconds", 30), Integer.getInteger("soak.clients", 10),
          Integer.getInteger("soak.pauseMs", 300));
    } catch (Exception e) {
      LoggerFactory.getLogger(SoakBench.class).error("the soak bench failed", e);
      status = 1;
    }
    System.exit(status);
  }

  /** The soak; returns its figures (also printed). */
  static Report run(int seconds, int clients, int pauseMs) throws Exception {
    // -Dsoak.inMemory=true runs the same soak with DynamoDB Local in memory, for comparison.
    Path data = Boolean.getBoolean("soak.inMemory") ? null : System.getProperty("soak.dataDir") != null
        ? Path.of(System.getProperty("soak.dataDir")) : Files.createTempDirectory("commercive-soak-");
    System.out.printf("soak: %d clients for %d s (mean pause %d ms), data in %s%n", clients, seconds, pauseMs, data);
    try (LocalSystem system = LocalSystem.start(settings(Path.of(System.getProperty("functions.dir", "..")), data))) {
      return new SoakBench(system, clients).soak(Duration.ofSeconds(seconds), clients, pauseMs);
    } finally {
      if (data != null && System.getProperty("soak.dataDir") == null) {
        // A folder the bench made for itself (tens of MB after minutes): removed, the figures are printed.
        try (var files = Files.walk(data)) {
          files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        }
      }
    }
  }

  /** The persistent local system, with the per-user abuse limits lifted so that the soak is not limited. */
  static LocalSystem.Settings settings(Path functionsDir, Path data) {
    return LocalSystem.Settings.forTests(Map.of(
        TICKETS_PER_USER_PER_HOUR, "100000", MESSAGES_PER_USER_PER_HOUR, "100000",
        AI_AUTO_REPLIES_PER_USER_PER_HOUR, "100000", EMAILS_PER_TICKET_PER_HOUR, "100000",
        AI_MAX_REPLIES_PER_TICKET, "1000",
        "SES_STANDIN_DIR", functionsDir.resolve("local").resolve("ses-standin").toString(),
        "S3_STANDIN_DIR", functionsDir.resolve("local").resolve("s3-standin").toString()))
        .withDataDirectory(data);
  }

  /** The figures a soak prints. */
  record Report(int requests, int messages, int teamEmails, int lost, int doubled, long p50Ms, long p90Ms,
      long maxMs, double drainSeconds, int maxNotificationsQueued, int serverErrors) {}

  Report soak(Duration load, int clients, int pauseMs) throws Exception {
    long started = System.currentTimeMillis();
    long deadline = started + load.toMillis();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    for (int c = 0; c < clients; c++) {
      int client = c;
      pool.submit(() -> {
        while (System.currentTimeMillis() < deadline) {
          step(users.get(client * 2 + ThreadLocalRandom.current().nextInt(2)));
          Thread.sleep(ThreadLocalRandom.current().nextLong(pauseMs * 2L + 1));
        }
        return null;
      });
    }
    pool.shutdown();
    int maxQueued = 0;
    while (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
      maxQueued = Math.max(maxQueued, depths(started));
    }
    long loadEnded = System.currentTimeMillis();
    depths(started);
    // Drained: every accepted merchant message has its team email (10 minutes at most).
    Map<Integer, List<Long>> emailed = Map.of();
    long drainDeadline = loadEnded + 600_000;
    while (System.currentTimeMillis() < drainDeadline) {
      emailed = teamEmails();
      if (emailed.keySet().containsAll(sentAt.keySet())) {
        break;
      }
      if ((System.currentTimeMillis() - loadEnded) / 1000 % 5 == 0) {
        maxQueued = Math.max(maxQueued, depths(started));
      }
      Thread.sleep(1_000);
    }
    double drainSeconds = (System.currentTimeMillis() - loadEnded) / 1e3;
    List<Long> late = new ArrayList<>();
    int doubled = 0;
    int lost = 0;
    for (Map.Entry<Integer, Long> message : sentAt.entrySet()) {
      List<Long> at = emailed.getOrDefault(message.getKey(), List.of());
      if (at.isEmpty()) {
        lost++;
        continue;
      }
      doubled += at.size() > 1 ? 1 : 0;
      // The store keeps whole seconds: a delay is counted from the second the request was sent in.
      late.add(Math.max(0, at.get(0) * 1000 - message.getValue() / 1000 * 1000));
    }
    Collections.sort(late);
    int total = requests.values().stream().mapToInt(AtomicInteger::get).sum();
    Report report = new Report(total, sentAt.size(), late.size(), lost, doubled, rank(late, 0.5), rank(late, 0.9),
        late.isEmpty() ? 0 : late.get(late.size() - 1), drainSeconds, maxQueued, failures.get());
    System.out.printf("soak: %d requests in %d s (%s), %d merchant messages; team emails: %d, lost %d, sent twice %d;"
            + " team email after the request p50 %.1f s, p90 %.1f s, max %.1f s; most notifications queued %d;"
            + " drained %.1f s after the load; 5xx or failed requests %d%n",
        total, load.toSeconds(), requests, report.messages(), report.teamEmails(), lost, doubled,
        report.p50Ms() / 1e3, report.p90Ms() / 1e3, report.maxMs() / 1e3, maxQueued, drainSeconds, failures.get());
    return report;
  }

  /** One request of a client's mix: a new ticket, a follow-up, the ticket list or a thread. */
  void step(String user) throws IOException, InterruptedException {
    List<String> own = ticketsOf.getOrDefault(user, List.of());
    int roll = ThreadLocalRandom.current().nextInt(100);
    if (own.isEmpty() || roll < 10) {
      int n = next.incrementAndGet();
      long sent = System.currentTimeMillis();
      JsonNode created = call("new ticket", "POST", "/support/tickets", user, JSON.writeValueAsString(Map.of(
          "subject", "Soak " + n, "message", question(n))));
      if (created != null) {
        sentAt.put(n, sent);
        ticketsOf.computeIfAbsent(user, u -> new CopyOnWriteArrayList<>()).add(created.at("/ticket/ticket_id").asText());
      }
    } else if (roll < 30) {
      int n = next.incrementAndGet();
      long sent = System.currentTimeMillis();
      String ticket = own.get(ThreadLocalRandom.current().nextInt(own.size()));
      if (call("follow-up", "POST", "/support/tickets/" + ticket + "/messages", user,
          JSON.writeValueAsString(Map.of("message", question(n)))) != null) {
        sentAt.put(n, sent);
      }
    } else if (roll < 65) {
      call("list", "GET", "/support/tickets?limit=20", user, null);
    } else {
      call("thread", "GET", "/support/tickets/" + own.get(ThreadLocalRandom.current().nextInt(own.size()))
          + "/messages?limit=50", user, null);
    }
  }

  static String question(int n) {
    return "soak-" + n + "- " + QUESTIONS[n % QUESTIONS.length];
  }

  JsonNode call(String kind, String method, String path, String user, String body)
      throws IOException, InterruptedException {
    requests.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(system.apiUrl() + path))
        .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + tokens.get(user))
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      failures.incrementAndGet();
      return null;
    }
    return JSON.readTree(response.body());
  }

  /** Prints the queues' depths (visible + in flight) at this moment; returns the notifications'. */
  int depths(long started) {
    int aiJobs = queued(system.queues().aiJobs());
    int notifications = queued(system.queues().notifications());
    System.out.printf("  t=%4ds  ai-jobs %5d  notifications %5d  merchant messages sent %5d%n",
        (System.currentTimeMillis() - started) / 1000, aiJobs, notifications, sentAt.size());
    return notifications;
  }

  int queued(String url) {
    Map<QueueAttributeName, String> attributes = system.sqs().getQueueAttributes(r -> r.queueUrl(url).attributeNames(
        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
    return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
        + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
  }

  /** The team's emails about merchant messages in the SES stand-in: message number → each send's second. */
  Map<Integer, List<Long>> teamEmails() throws IOException, InterruptedException {
    JsonNode store = JSON.readTree(http.send(HttpRequest.newBuilder(system.sesEndpoint().resolve("/store")).build(),
        HttpResponse.BodyHandlers.ofString()).body());
    Map<Integer, List<Long>> sent = new HashMap<>();
    for (JsonNode email : store.path("emails")) {
      String subject = email.path("subject").asText();
      if (!TEAM.equals(email.at("/destination/to/0").asText()) || subject.contains("Needs a person:")) {
        continue;
      }
      Matcher token = TOKEN.matcher(email.at("/body/text").asText());
      if (token.find()) {
        sent.computeIfAbsent(Integer.parseInt(token.group(1)), k -> new ArrayList<>()).add(email.path("at").asLong());
      }
    }
    return sent;
  }

  /** Nearest rank. */
  static long rank(List<Long> sorted, double quantile) {
    return sorted.isEmpty() ? 0 : sorted.get((int) Math.ceil(quantile * sorted.size()) - 1);
  }
}
