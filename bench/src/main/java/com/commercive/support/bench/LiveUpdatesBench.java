package com.commercive.support.bench;

import com.commercive.support.local.LocalSystem;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.LoggerFactory;

/**
 * How soon a live update reaches a browser, on the local system with many sockets open: merchants
 * each subscribed to their own ticket and agents' sockets subscribed to the inbox (each of which
 * receives every event). Two paths, one sample at a time, each timed from the request being sent
 * to the frame's arrival on the merchant's socket (stamped by the socket's listener):
 * <ul>
 *   <li>a merchant's question → the AI reply's {@code message.created} (stream → AI job queue →
 *       AI worker, with the deployed 300 ms burst-settle wait → stream → pusher), and
 *   <li>an agent's reply → {@code message.created} (stream → pusher).
 * </ul>
 * Also the question's own {@code message.created} on an agent's inbox socket. Requests are sent
 * after a random pause, at random points of the stream pollers' cycle.
 *
 * <p>Run from {@code bench/} after {@code mvn -q -B -DskipTests install}: {@code LOG_LEVEL=WARN
 * mvn -q -B exec:java -Dexec.mainClass=com.commercive.support.bench.LiveUpdatesBench} ({@code
 * -Dlive.sockets}, default 200, of which {@code -Dlive.agents}, default 10, on the inbox; {@code
 * -Dlive.samples}, default 100 per path).
 */
public final class LiveUpdatesBench {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String[] QUESTIONS = PipelineBench.QUESTIONS;
  private final LocalSystem system;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String agent;
  private final List<Merchant> merchants = new ArrayList<>();
  private final List<Socket> agents = new ArrayList<>();

  record Merchant(String token, String ticketId, Socket socket) {}

  LiveUpdatesBench(LocalSystem system) {
    this.system = system;
    this.agent = system.tokenFor("demo-admin");
  }

  public static void main(String[] args) {
    int status = 0;
    try {
      run(Integer.getInteger("live.sockets", 200), Integer.getInteger("live.agents", 10),
          Integer.getInteger("live.samples", 100));
    } catch (Exception e) {
      LoggerFactory.getLogger(LiveUpdatesBench.class).error("the live updates bench failed", e);
      status = 1;
    }
    // The local system's pollers are not daemons: exit explicitly, or exec:java waits for them.
    System.exit(status);
  }

  static void run(int sockets, int agentSockets, int samples) throws Exception {
    Path functions = Path.of(System.getProperty("functions.dir", ".."));
    try (LocalSystem system = LocalSystem.start(PipelineBench.settings(functions, 1))) {
      LiveUpdatesBench bench = new LiveUpdatesBench(system);
      bench.open(sockets - agentSockets, agentSockets);
      bench.measure(5);
      Results results = bench.measure(samples);
      System.out.printf("%d sockets open (%d merchants on their tickets, %d agents on the inbox), %d samples per path"
          + " one at a time, after 5 warm-up samples%n", sockets, sockets - agentSockets, agentSockets, samples);
      report("merchant's question -> the AI reply's message.created on the merchant's socket", results.aiReply());
      report("merchant's question -> the AI reply stored (its created_at)", results.aiStored());
      report("agent's reply -> message.created on the merchant's socket", results.agentReply());
      report("merchant's question -> its message.created on an agent's inbox socket", results.questionToInbox());
    }
  }

  void open(int merchantCount, int agentCount) throws Exception {
    Map<String, String> tokens = BenchUsers.create(system, merchantCount);
    for (String token : tokens.values()) {
      String ticketId = api("POST", "/support/tickets", token, "{\"subject\":\"Live updates bench\"}")
          .at("/ticket/ticket_id").asText();
      Socket socket = connect(token);
      socket.send("{\"action\":\"subscribe\",\"ticket_id\":\"" + ticketId + "\"}");
      socket.await("subscribed", frame -> true, 0);
      merchants.add(new Merchant(token, ticketId, socket));
    }
    for (int i = 0; i < agentCount; i++) {
      Socket socket = connect(agent);
      socket.send("{\"action\":\"subscribe\",\"inbox\":true}");
      socket.await("subscribed", frame -> true, 0);
      agents.add(socket);
    }
  }

  record Results(List<Double> aiReply, List<Double> aiStored, List<Double> agentReply, List<Double> questionToInbox) {}

  private int next;
  private final java.util.Random random = new java.util.Random(17);

  Results measure(int samples) throws Exception {
    Results results = new Results(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    for (int i = 0; i < samples; i++) {
      pause();
      Merchant merchant = merchants.get(next++ % merchants.size());
      Socket inbox = agents.get(i % agents.size());
      String question = QUESTIONS[i % QUESTIONS.length] + " (" + next + ")";
      long sentWall = System.currentTimeMillis();
      long sent = System.nanoTime();
      api("POST", "/support/tickets/" + merchant.ticketId() + "/messages", merchant.token(),
          "{\"message\":\"" + question + "\"}");
      results.questionToInbox().add(ms(sent, inbox.await("message.created",
          frame -> frame.at("/message/message").asText().equals(question), sent)));
      JsonNode[] ai = new JsonNode[1];
      results.aiReply().add(ms(sent, merchant.socket().await("message.created",
          frame -> { ai[0] = frame; return frame.at("/message/sender_type").asText().equals("ai"); }, sent)));
      results.aiStored().add((double) (java.time.Instant.parse(ai[0].at("/message/created_at").asText()).toEpochMilli()
          - sentWall));

      String reply = "Agent reply " + next;
      pause();
      sent = System.nanoTime();
      api("POST", "/support/tickets/" + merchant.ticketId() + "/messages", agent, "{\"message\":\"" + reply + "\"}");
      results.agentReply().add(ms(sent, merchant.socket().await("message.created",
          frame -> frame.at("/message/message").asText().equals(reply), sent)));
    }
    return results;
  }

  /**
   * A random pause before each request, so requests arrive at any point of the stream pollers'
   * 250 ms cycle, as independent people's do; sent straight after the last frame, each would land
   * just after a poll and wait the whole cycle.
   */
  private void pause() throws InterruptedException {
    Thread.sleep(random.nextInt(500));
  }

  static double ms(long from, long to) {
    return (to - from) / 1e6;
  }

  Socket connect(String bearer) throws Exception {
    JsonNode issued = api("POST", "/support/realtime/token", bearer, null);
    Socket socket = new Socket();
    http.newWebSocketBuilder()
        .buildAsync(URI.create(issued.get("url").asText() + "?token=" + issued.get("token").asText()), socket)
        .get(10, TimeUnit.SECONDS);
    return socket;
  }

  JsonNode api(String method, String path, String bearer, String body) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(system.apiUrl() + path))
        .header("Authorization", "Bearer " + bearer).header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException(method + " " + path + " -> " + response.statusCode() + " " + response.body());
    }
    return JSON.readTree(response.body());
  }

  /** A frame and the moment the socket's listener had all of it. */
  record Frame(JsonNode json, long arrived) {}

  /** A WebSocket whose frames are kept with their arrival times. */
  static final class Socket implements WebSocket.Listener {
    private final LinkedBlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket webSocket;

    @Override
    public void onOpen(WebSocket webSocket) {
      this.webSocket = webSocket;
      webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        long arrived = System.nanoTime();
        try {
          frames.add(new Frame(JSON.readTree(partial.toString()), arrived));
        } catch (Exception e) {
          throw new IllegalStateException("a frame that is not JSON: " + partial, e);
        }
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    void send(String frame) {
      webSocket.sendText(frame, true).join();
    }

    /**
     * When the first frame of this type that matches arrived (not before {@code since}), dropping
     * the frames before it: the other events of the sample (the ticket's updates, the question's
     * own message) are not what is timed.
     */
    long await(String type, Predicate<JsonNode> matching, long since) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (true) {
        Frame frame = frames.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (frame == null) {
          throw new IllegalStateException("no " + type + " frame within 10 s");
        }
        if (frame.arrived() >= since && frame.json().path("type").asText().equals(type) && matching.test(frame.json())) {
          return frame.arrived();
        }
      }
    }
  }

  static void report(String what, List<Double> millis) {
    List<Double> sorted = new ArrayList<>(millis);
    Collections.sort(sorted);
    System.out.printf("%s: p50 %.0f ms, p99 %.0f ms, max %.0f ms%n", what, AttachmentBench.percentile(sorted, 50),
        AttachmentBench.percentile(sorted, 99), sorted.get(sorted.size() - 1));
  }
}
