package com.commercive.support.bench;

import static com.commercive.support.resources.EnvironmentVariables.TICKETS_PER_USER_PER_HOUR;
import static com.commercive.support.resources.EnvironmentVariables.UPLOADS_PER_USER_PER_HOUR;

import com.commercive.support.local.LocalSystem;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import javax.imageio.ImageIO;

/**
 * How long a file takes from the moment storage has it to the moment the API shows it
 * {@code ready}, on the local system: the S3 stand-in's notification to the checking queue, the
 * poller, the checker (real size, magic bytes with Tika, copy out of quarantine, the record), and
 * the API read that shows it. One upload at a time, each a real PNG sent with the presigned POST
 * as a browser sends it; the API is polled every 5 ms for the status.
 *
 * <p>Run from {@code bench/} after {@code mvn -q -B -DskipTests install}: {@code LOG_LEVEL=WARN
 * mvn -q -B exec:java -Dexec.mainClass=com.commercive.support.bench.AttachmentBench}
 * ({@code -Dattachments.samples}, default 50).
 */
public final class AttachmentBench {
  static final ObjectMapper JSON = new ObjectMapper();
  private final LocalSystem system;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String token;

  AttachmentBench(LocalSystem system) {
    this.system = system;
    this.token = system.tokenFor("demo-user");
  }

  public static void main(String[] args) throws Exception {
    int samples = Integer.getInteger("attachments.samples", 50);
    java.nio.file.Path functions = java.nio.file.Path.of(System.getProperty("functions.dir", ".."));
    try (LocalSystem system = LocalSystem.start(LocalSystem.Settings.forTests(Map.of(
        UPLOADS_PER_USER_PER_HOUR, "0", TICKETS_PER_USER_PER_HOUR, "0",
        "SES_STANDIN_DIR", functions.resolve("local").resolve("ses-standin").toString(),
        "S3_STANDIN_DIR", functions.resolve("local").resolve("s3-standin").toString())))) {
      new AttachmentBench(system).run(samples);
    }
    System.exit(0);
  }

  void run(int samples) throws Exception {
    String ticketId = api("POST", "/support/tickets", "{\"subject\":\"Attachment bench\"}").at("/ticket/ticket_id").asText();
    byte[] png = noisePng(180, 180, new Random(7));
    for (int i = 0; i < 5; i++) {
      uploadToReady(ticketId, png);
    }
    List<Double> storedToReady = new ArrayList<>();
    List<Double> askToReady = new ArrayList<>();
    for (int i = 0; i < samples; i++) {
      double[] times = uploadToReady(ticketId, png);
      askToReady.add(times[0]);
      storedToReady.add(times[1]);
    }
    System.out.printf("file: a %d-byte PNG, %d uploads one at a time (after 5 warm-up uploads)%n", png.length, samples);
    report("stored in S3 -> the API shows it ready", storedToReady);
    report("form asked -> uploaded -> ready (what a browser waits)", askToReady);
  }

  /** {form asked → ready, stored → ready}, in milliseconds. */
  double[] uploadToReady(String ticketId, byte[] png) throws Exception {
    long asked = System.nanoTime();
    JsonNode created = api("POST", "/support/tickets/" + ticketId + "/attachments",
        "{\"filename\":\"bench.png\",\"content_type\":\"image/png\",\"size\":" + png.length + "}");
    String id = created.at("/attachment/attachment_id").asText();
    HttpResponse<String> stored = upload(created.get("upload"), png);
    if (stored.statusCode() / 100 != 2) {
      throw new IllegalStateException("upload refused: " + stored.statusCode() + " " + stored.body());
    }
    long storedAt = System.nanoTime();
    long deadline = storedAt + Duration.ofSeconds(30).toNanos();
    while (true) {
      String status = api("GET", "/support/tickets/" + ticketId + "/attachments/" + id, null)
          .at("/attachment/status").asText();
      if (status.equals("ready")) {
        long ready = System.nanoTime();
        return new double[] {(ready - asked) / 1e6, (ready - storedAt) / 1e6};
      }
      if (!status.equals("uploading") || System.nanoTime() > deadline) {
        throw new IllegalStateException("the upload ended " + status);
      }
      Thread.sleep(5);
    }
  }

  HttpResponse<String> upload(JsonNode form, byte[] bytes) throws Exception {
    String boundary = "----bench" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (Iterator<Map.Entry<String, JsonNode>> fields = form.get("fields").fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey() + "\"\r\n\r\n"
          + field.getValue().asText() + "\r\n").getBytes(StandardCharsets.UTF_8));
    }
    body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"bench.png\"\r\n"
        + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.write(bytes);
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return http.send(HttpRequest.newBuilder(URI.create(form.get("url").asText()))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
  }

  JsonNode api(String method, String path, String body) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(system.apiUrl() + path))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException(method + " " + path + " -> " + response.statusCode() + " " + response.body());
    }
    return JSON.readTree(response.body());
  }

  /** A PNG of random pixels: it does not compress, so its size is what its dimensions say. */
  static byte[] noisePng(int width, int height, Random random) throws Exception {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int x = 0; x < width; x++) {
      for (int y = 0; y < height; y++) {
        image.setRGB(x, y, random.nextInt(1 << 24));
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  static void report(String what, List<Double> millis) {
    List<Double> sorted = new ArrayList<>(millis);
    Collections.sort(sorted);
    System.out.printf("%s: p50 %.0f ms, p90 %.0f ms, max %.0f ms%n", what, percentile(sorted, 50),
        percentile(sorted, 90), sorted.get(sorted.size() - 1));
  }

  static double percentile(List<Double> sorted, int p) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }
}
