package com.commercive.support.bench;

import static com.commercive.support.resources.EnvironmentVariables.AUTO_REPLY_ENABLED;
import static com.commercive.support.resources.EnvironmentVariables.LOG_LEVEL;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.commercive.support.local.LocalSystem;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployment packages themselves, not the modules' classes: each function's shaded jar runs
 * in a fresh JVM, as on Lambda (no-arg constructor, configuration from the environment, events
 * decoded by the Lambda runtime's own serializers), against the running local stand-ins. This is
 * what catches a class the shading left out (the jars keep only the event types and Lucene
 * analysers the functions use) or a resource that did not make it into a jar.
 */
class LambdaJarsIT {
  // Longer than most: each function's jar in a fresh JVM, with the events each needs built here.
  static final ObjectMapper JSON = new ObjectMapper();
  static final Path FUNCTIONS = Path.of(System.getProperty("functions.dir", ".."));
  static final String VERSION = System.getProperty("project.version", "1.0.0-SNAPSHOT");

  static LocalSystem system;
  static String userToken;
  static String adminToken;
  static String ticketId;
  static String messageId;

  @TempDir static Path events;

  @BeforeAll
  static void startTheLocalSystemWithATicket() throws Exception {
    system = LocalSystem.start(LocalSystem.Settings.forTests(Map.of(AUTO_REPLY_ENABLED, "false",
        "SES_STANDIN_DIR", FUNCTIONS.resolve("local").resolve("ses-standin").toString(),
        "S3_STANDIN_DIR", FUNCTIONS.resolve("local").resolve("s3-standin").toString())));
    userToken = system.tokenFor("demo-user");
    adminToken = system.tokenFor("demo-admin");
    JsonNode created = openTicket("Jar test");
    ticketId = created.at("/ticket/ticket_id").asText();
    messageId = created.at("/message/message_id").asText();
  }

  /** Opens a ticket with a question, as the demo user, through the running system's API. */
  static JsonNode openTicket(String subject) throws Exception {
    return JSON.readTree(HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(system.apiUrl() + "/support/tickets"))
            .header("Authorization", "Bearer " + userToken).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(
                "{\"subject\":\"" + subject + "\",\"message\":\"My Shopify products are not syncing\"}"))
            .build(), HttpResponse.BodyHandlers.ofString()).body());
  }

  @AfterAll
  static void stop() {
    if (system != null) {
      system.close();
    }
  }

  @Test
  void theApiJarServesEveryKindOfRoute() throws Exception {
    List<String> results = run("api-handler", "com.commercive.support.api.ApiHandler",
        "com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent",
        http("GET", "/support/health", null, null),
        http("GET", "/support/openapi.json", null, null),
        http("GET", "/support/tickets", userToken, null),
        http("GET", "/support/tickets/" + ticketId, userToken, null),
        http("GET", "/support/tickets/" + ticketId + "/messages", userToken, null),
        http("POST", "/support/tickets/" + ticketId + "/messages", adminToken, "{\"message\":\"Looking into it\"}"),
        // The assistant's route is another function's: the HTTP API never sends it here.
        http("POST", "/support/ai-response", userToken,
            "{\"message\":\"How do I connect my Shopify store?\",\"ticket_id\":\"" + ticketId + "\"}"),
        http("GET", "/support/admin/tickets?status=pending", adminToken, null),
        http("POST", "/support/tickets", userToken, "{\"subject\":"),
        http("GET", "/support/nowhere", userToken, null));

    assertThat(results).extracting(r -> r.split(" ")[0])
        .containsExactly("status=200", "status=200", "status=200", "status=200", "status=200", "status=201",
            "status=404", "status=200", "status=400", "status=404");
    assertThat(body(results.get(2)).at("/tickets/0/ticket_id").asText()).isEqualTo(ticketId);
    assertThat(body(results.get(4)).at("/messages/0/sender_name").asText()).isNotBlank();
    assertThat(body(results.get(7)).at("/tickets/0/ticket_id").asText()).isEqualTo(ticketId);
    assertThat(body(results.get(8)).get("status").asInt()).isEqualTo(400);
  }

  @Test
  void theAiResponseJarAnswersFromTheKnowledgeBase() throws Exception {
    List<String> results = run("ai-response", "com.commercive.support.airesponse.AiResponseHandler",
        "com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent",
        http("GET", "/support/health", null, null),
        http("POST", "/support/ai-response", userToken,
            "{\"message\":\"How do I connect my Shopify store?\",\"ticket_id\":\"" + ticketId + "\"}"),
        http("GET", "/support/tickets", userToken, null));

    assertThat(results).extracting(r -> r.split(" ")[0]).containsExactly("status=200", "status=200", "status=404");
    JsonNode answer = body(results.get(1));
    assertThat(answer.get("topic").asText()).isEqualTo("store_connection");
    assertThat(answer.get("sources")).isNotEmpty();
  }

  @Test
  void theStreamProcessorJarRoutesAStreamRecord() throws Exception {
    JsonNode event = streamEvent("commercive_support_messages", "message_id",
        agentMessage(messageId, "Looking into it"));

    assertThat(run("stream-processor", "com.commercive.support.streamprocessor.StreamProcessorHandler",
        "com.amazonaws.services.lambda.runtime.events.DynamodbEvent", file(event)))
        .containsExactly("failures=0");
  }

  @Test
  void theAiWorkerJarAnswersAJobFromTheKnowledgeBase() throws Exception {
    // A ticket of its own: whatever the other tests post (a person's reply) does not silence it.
    JsonNode opened = openTicket("Jar test for the AI");
    String aiTicket = opened.at("/ticket/ticket_id").asText();
    String aiQuestion = opened.at("/message/message_id").asText();
    List<String> results = run("ai-worker", "com.commercive.support.aiworker.AiWorkerHandler",
        "com.amazonaws.services.lambda.runtime.events.SQSEvent",
        sqs("{\"ticket_id\":\"" + aiTicket + "\",\"message_id\":\"" + aiQuestion + "\",\"event_id\":\"jar-test\"}",
            aiTicket));

    assertThat(results).containsExactly("failures=0");
    JsonNode thread = JSON.readTree(HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(system.apiUrl() + "/support/tickets/" + aiTicket + "/messages"))
            .header("Authorization", "Bearer " + userToken).build(),
        HttpResponse.BodyHandlers.ofString()).body());
    List<String> senders = new ArrayList<>();
    thread.get("messages").forEach(m -> senders.add(m.get("sender_type").asText()));
    assertThat(senders).contains("ai");
  }

  @Test
  void theNotifierJarSendsAnEmail() throws Exception {
    // The running system tells the team of this ticket once (it was opened with a message): wait
    // for that email, so that the jar's is counted on its own.
    long deadline = System.currentTimeMillis() + 15_000;
    while (newTicketEmails() < 1 && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
    }
    long before = newTicketEmails();
    List<String> results = run("notifier", "com.commercive.support.notifier.NotifierHandler",
        "com.amazonaws.services.lambda.runtime.events.SQSEvent",
        sqs("{\"id\":\"jar-test-" + UUID.randomUUID() + "\",\"kind\":\"NEW_TICKET\",\"ticket_id\":\"" + ticketId
            + "\",\"message_id\":\"" + messageId + "\"}", null));

    assertThat(results).containsExactly("failures=0");
    assertThat(newTicketEmails()).isEqualTo(before + 1);
  }

  @Test
  void theAttachmentCheckerJarReadsTheBucketsNotificationsAndChecksWhatTheyName() throws Exception {
    // A file in quarantine that no upload of this system presigned: whoever checks it (this jar or
    // the running system's checker) deletes it.
    String key = "quarantine/" + ticketId + "/not-presigned-" + UUID.randomUUID();
    String bucket = system.config().attachments().bucket();
    try (var s3 = com.commercive.support.store.s3.S3Clients.client(system.config())) {
      s3.putObject(r -> r.bucket(bucket).key(key), software.amazon.awssdk.core.sync.RequestBody.fromString("%PDF-1.4"));
      String created = "{\"Records\":[{\"eventVersion\":\"2.1\",\"eventSource\":\"aws:s3\",\"eventName\":"
          + "\"ObjectCreated:Post\",\"s3\":{\"bucket\":{\"name\":\"" + bucket + "\"},\"object\":{\"key\":\""
          + key + "\",\"size\":8}}}]}";
      String test = "{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\",\"Bucket\":\"" + bucket + "\"}";

      List<String> results = run("attachment-checker",
          "com.commercive.support.attachmentchecker.AttachmentCheckerHandler",
          "com.amazonaws.services.lambda.runtime.events.SQSEvent", sqs(created, null), sqs(test, null));

      assertThat(results).containsExactly("failures=0", "failures=0");
      assertThat(s3.listObjectsV2(r -> r.bucket(bucket).prefix(key)).contents()).isEmpty();
    }
  }

  @Test
  void theInboundEmailJarAppendsAReplyTheReceiptRuleStored() throws Exception {
    String address = system.config().email().replyAddresses().orElseThrow()
        .address(ticketId, "dana@example.com", com.commercive.support.email.ReplyAddresses.Role.OWNER).orElseThrow();
    String text = "Replied from the jar " + UUID.randomUUID();
    String key = "inbound/jar-" + UUID.randomUUID();
    String bucket = system.config().attachments().bucket();
    try (var s3 = com.commercive.support.store.s3.S3Clients.client(system.config())) {
      s3.putObject(r -> r.bucket(bucket).key(key), software.amazon.awssdk.core.sync.RequestBody.fromString(
          "From: Dana <dana@example.com>\r\nTo: " + address + "\r\nSubject: Re: Jar test\r\nMessage-ID: <"
              + UUID.randomUUID() + "@mail.example.com>\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
              + text + "\r\n\r\nOn Mon, Dec 1, 2026 Commercive Support wrote:\r\n> the question\r\n"));
    }
    ObjectNode notification = JSON.createObjectNode();
    notification.put("notificationType", "Received");
    notification.putObject("mail").put("messageId", "jar" + UUID.randomUUID()).put("source", "dana@example.com");
    ObjectNode receipt = notification.putObject("receipt");
    receipt.putArray("recipients").add(address);
    for (String verdict : List.of("spamVerdict", "virusVerdict", "spfVerdict", "dkimVerdict", "dmarcVerdict")) {
      receipt.putObject(verdict).put("status", "PASS");
    }
    receipt.putObject("action").put("type", "S3").put("bucketName", bucket).put("objectKey", key);

    assertThat(run("inbound-email", "com.commercive.support.inbound.InboundEmailHandler",
        "com.amazonaws.services.lambda.runtime.events.SQSEvent", sqs(JSON.writeValueAsString(notification), null)))
        .containsExactly("failures=0");
    JsonNode thread = JSON.readTree(HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(system.apiUrl() + "/support/tickets/" + ticketId + "/messages?limit=100"))
            .header("Authorization", "Bearer " + userToken).build(), HttpResponse.BodyHandlers.ofString()).body());
    List<String> texts = new ArrayList<>();
    thread.get("messages").forEach(m -> texts.add(m.get("message").asText()));
    assertThat(texts).as("the new text only, as the owner's message").contains(text);
  }

  @Test
  void theLiveUpdatesJarServesTheWebSocketRoutesAndPushesAStreamRecordToASocket() throws Exception {
    // A real socket on the running system, following the ticket: the jar's pusher posts to it.
    LinkedBlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    JsonNode issued = realtimeToken();
    WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(
        URI.create(issued.get("url").asText() + "?token=" + issued.get("token").asText()), new WebSocket.Listener() {
          @Override
          public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            try {
              frames.add(JSON.readTree(data.toString()));
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
            webSocket.request(1);
            return null;
          }
        }).get(10, TimeUnit.SECONDS);
    socket.sendText("{\"action\":\"subscribe\",\"ticket_id\":\"" + ticketId + "\"}", true).join();
    assertThat(frames.poll(10, TimeUnit.SECONDS).get("type").asText()).isEqualTo("subscribed");

    // The routes, as API Gateway invokes them, on a connection the jar registers itself.
    String connectionId = "jar-" + UUID.randomUUID();
    String token = realtimeToken().get("token").asText();
    List<String> routes = run("websocket", "live-updates", "com.commercive.support.liveupdates.WebSocketHandler",
        "com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent",
        webSocket("$connect", "CONNECT", connectionId, token, null),
        webSocket("$default", "MESSAGE", connectionId, null, "{\"action\":\"subscribe\",\"ticket_id\":\"" + ticketId + "\"}"),
        webSocket("$connect", "CONNECT", "jar-" + UUID.randomUUID(), token, null),
        webSocket("$disconnect", "DISCONNECT", connectionId, null, null));
    assertThat(routes.get(0)).startsWith("status=200");
    assertThat(body(routes.get(1)).get("type").asText()).isEqualTo("subscribed");
    assertThat(routes.get(2)).as("the token was used once already").startsWith("status=401");
    assertThat(routes.get(3)).startsWith("status=200");

    // The pusher: an agent's message as the messages stream shows it reaches the socket.
    String text = "Pushed from the jar " + UUID.randomUUID();
    ObjectNode image = agentMessage("jar-" + UUID.randomUUID(), text);
    assertThat(run("live-updates", "com.commercive.support.liveupdates.StreamPushHandler",
        "com.amazonaws.services.lambda.runtime.events.DynamodbEvent", file(streamEvent("commercive_support_messages",
            "message_id", image)))).containsExactly("failures=0");
    JsonNode pushed;
    do {
      pushed = frames.poll(10, TimeUnit.SECONDS);
      assertThat(pushed).as("the pushed message within 10 s").isNotNull();
    } while (!pushed.at("/message/message").asText().equals(text));
    assertThat(pushed.get("type").asText()).isEqualTo("message.created");
    assertThat(pushed.at("/message/sender_name").asText()).isEqualTo("Alex Support");
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
  }

  static JsonNode realtimeToken() throws Exception {
    return JSON.readTree(HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(system.apiUrl() + "/support/realtime/token"))
            .header("Authorization", "Bearer " + userToken).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString()).body());
  }

  /** An API Gateway WebSocket event for a route. */
  static Path webSocket(String route, String eventType, String connectionId, String token, String body)
      throws Exception {
    ObjectNode event = JSON.createObjectNode();
    ObjectNode context = event.putObject("requestContext");
    context.put("routeKey", route);
    context.put("eventType", eventType);
    context.put("connectionId", connectionId);
    context.put("requestId", UUID.randomUUID().toString());
    context.put("stage", "dev");
    context.put("domainName", "example.execute-api.us-east-1.amazonaws.com");
    if (token != null) {
      event.putObject("queryStringParameters").put("token", token);
    }
    if (body != null) {
      event.put("body", body);
    }
    event.put("isBase64Encoded", false);
    return file(event);
  }

  /** The demo admin's message on the test's ticket, as the messages table's stream shows it. */
  static ObjectNode agentMessage(String id, String text) {
    ObjectNode image = JSON.createObjectNode();
    image.putObject("message_id").put("S", id);
    image.putObject("ticket_id").put("S", ticketId);
    image.putObject("sender_id").put("S", "demo-admin");
    image.putObject("sender_type").put("S", "admin");
    image.putObject("message").put("S", text);
    image.putObject("is_ai_response").put("BOOL", false);
    image.putObject("created_at").put("S", "2026-11-24T10:00:00.000Z");
    return image;
  }

  /** A DynamoDB stream event with one INSERT of the item into the table. */
  static JsonNode streamEvent(String table, String key, ObjectNode newImage) {
    ObjectNode record = JSON.createObjectNode();
    record.put("eventID", UUID.randomUUID().toString().replace("-", ""));
    record.put("eventName", "INSERT");
    record.put("eventSource", "aws:dynamodb");
    record.put("eventSourceARN", "arn:aws:dynamodb:us-east-1:000000000000:table/" + table
        + "/stream/2026-11-24T00:00:00.000");
    ObjectNode change = record.putObject("dynamodb");
    change.put("ApproximateCreationDateTime", 1.7955e9);
    change.put("SequenceNumber", "100");
    change.put("StreamViewType", "NEW_AND_OLD_IMAGES");
    change.putObject("Keys").set(key, newImage.get(key));
    change.set("NewImage", newImage);
    ObjectNode event = JSON.createObjectNode();
    event.putArray("Records").add(record);
    return event;
  }

  /** Runs the function's shaded jar in a fresh JVM on the given event files; one result per event. */
  static List<String> run(String module, String handler, String eventType, Path... eventFiles) throws Exception {
    return run(module, module, handler, eventType, eventFiles);
  }

  /** As above for one of the jar's functions (a jar may hold two), named as the IAM check knows it. */
  static List<String> run(String function, String module, String handler, String eventType, Path... eventFiles)
      throws Exception {
    Path jar = FUNCTIONS.resolve(module).resolve("target").resolve(module + "-" + VERSION + "-lambda.jar");
    assertThat(jar).exists();
    // The jar carries the embedding model's native libraries for Lambda's Linux arm64 only; this
    // machine's come after it on the class path (the jar's own classes still win).
    String classPath = String.join(File.pathSeparator, jar.toString(), location(LambdaJarDriver.class),
        location(LambdaEventSerializers.class), FreshJvm.hostNativeLibraries(),
        location(com.commercive.support.testing.AwsCallRecorder.class));
    List<String> command = new ArrayList<>(List.of("java", "-XX:TieredStopAtLevel=1", "-cp", classPath,
        LambdaJarDriver.class.getName(), handler, eventType));
    for (Path file : eventFiles) {
      command.add(file.toString());
    }
    Map<String, String> env = FreshJvm.functionEnvironment(system);
    env.put(LOG_LEVEL, "WARN");
    // The jar's AWS calls (its warm-up's included) are recorded for IamGrantsCoverCallsIT.
    env.put(com.commercive.support.testing.AwsCallRecorder.FUNCTION, function);
    env.put(com.commercive.support.testing.AwsCallRecorder.LOG, System.getProperty(
        com.commercive.support.testing.AwsCallRecorder.LOG, "target/aws-calls.jsonl"));
    List<String> results = FreshJvm.run(command, env, "RESULT ");
    // The warm-ups SnapStart runs before its snapshot ran first, against the same stand-ins.
    assertThat(results.get(0)).isEqualTo("warmUpFailures=0");
    assertThat(results).hasSize(eventFiles.length + 1);
    return results.subList(1, results.size());
  }

  /** An API Gateway HTTP API event (payload format 2.0). */
  static Path http(String method, String pathAndQuery, String token, String body) throws Exception {
    String path = pathAndQuery.contains("?") ? pathAndQuery.substring(0, pathAndQuery.indexOf('?')) : pathAndQuery;
    ObjectNode event = JSON.createObjectNode();
    event.put("version", "2.0");
    event.put("routeKey", "$default");
    event.put("rawPath", path);
    event.put("rawQueryString", pathAndQuery.contains("?") ? pathAndQuery.substring(path.length() + 1) : "");
    ObjectNode headers = event.putObject("headers");
    headers.put("content-type", "application/json");
    if (token != null) {
      headers.put("authorization", "Bearer " + token);
    }
    ObjectNode context = event.putObject("requestContext");
    context.put("requestId", UUID.randomUUID().toString());
    context.put("stage", "$default");
    context.putObject("http").put("method", method).put("path", path).put("sourceIp", "127.0.0.1");
    if (body != null) {
      event.put("body", body);
    }
    event.put("isBase64Encoded", false);
    return file(event);
  }

  /** An SQS event with one message (FIFO when it has a message group). */
  static Path sqs(String body, String messageGroup) throws Exception {
    ObjectNode message = JSON.createObjectNode();
    message.put("messageId", UUID.randomUUID().toString());
    message.put("receiptHandle", "handle");
    message.put("body", body);
    ObjectNode attributes = message.putObject("attributes");
    attributes.put("ApproximateReceiveCount", "1");
    if (messageGroup != null) {
      attributes.put("MessageGroupId", messageGroup);
    }
    message.put("eventSource", "aws:sqs");
    message.put("eventSourceARN", "arn:aws:sqs:us-east-1:000000000000:queue");
    ObjectNode event = JSON.createObjectNode();
    event.putArray("Records").add(message);
    return file(event);
  }

  static Path file(JsonNode event) throws Exception {
    Path file = Files.createTempFile(events, "event", ".json");
    Files.writeString(file, JSON.writeValueAsString(event));
    return file;
  }

  static JsonNode body(String result) throws Exception {
    String encoded = result.substring(result.indexOf("body=") + "body=".length());
    return JSON.readTree(new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8));
  }

  static long newTicketEmails() throws Exception {
    String store = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(system.sesEndpoint().resolve("/store")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    List<String> subjects = new ArrayList<>();
    JSON.readTree(store).path("emails").forEach(e -> subjects.add(e.path("subject").asText()));
    return subjects.stream().filter(s -> s.contains("New ticket: Jar test")).count();
  }

  static String location(Class<?> type) throws Exception {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }
}
