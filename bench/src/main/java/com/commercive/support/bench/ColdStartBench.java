package com.commercive.support.bench;

import com.commercive.support.local.LocalSystem;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Cold start of each function: a fresh JVM on the function's shaded jar (plus the probe class)
 * loads the handler, builds its clients and serves one real event against the local stand-ins.
 * Prints jar sizes, median times over {@value #RUNS} runs, and classes loaded. Run with
 * {@code mvn -q -pl bench -am install -DskipTests && mvn -q -pl bench exec:java
 * -Dexec.mainClass=com.commercive.support.bench.ColdStartBench}.
 */
public final class ColdStartBench {
  static final int RUNS = 5;

  public static void main(String[] args) throws Exception {
    Path functions = Path.of(System.getProperty("functions.dir", ".."));
    String version = System.getProperty("project.version", "1.0.0-SNAPSHOT");
    Path probeClasses = Path.of(ColdStartProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    try (LocalSystem system = LocalSystem.start(LocalSystem.Settings.forTests(Map.of("AUTO_REPLY_ENABLED", "false",
        "SES_STANDIN_DIR", functions.resolve("local").resolve("ses-standin").toString())))) {
      String token = system.tokenFor("demo-user");
      HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
              URI.create(system.apiUrl() + "/support/tickets")).header("Authorization", "Bearer " + token)
          .POST(HttpRequest.BodyPublishers.ofString("{\"subject\":\"Cold start probe\",\"message\":\"How do I reset my password?\"}"))
          .build(), HttpResponse.BodyHandlers.ofString());
      var body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(created.body());
      String ticketId = body.at("/ticket/ticket_id").asText();
      String messageId = body.at("/message/message_id").asText();

      System.out.println("| function | jar MB | init ms (median) | first response ms (median) | classes loaded |");
      System.out.println("|---|---|---|---|---|");
      for (String[] fn : new String[][] {{"api", "api-handler"}, {"stream-processor", "stream-processor"},
          {"ai-worker", "ai-worker"}, {"notifier", "notifier"}}) {
        Path jar = functions.resolve(fn[1]).resolve("target").resolve(fn[1] + "-" + version + "-lambda.jar");
        List<Long> init = new ArrayList<>();
        List<Long> first = new ArrayList<>();
        long classes = 0;
        for (int run = 0; run < RUNS; run++) {
          List<String> command = List.of("java", "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
              "-Dprobe.ticket=" + ticketId, "-Dprobe.message=" + messageId, "-Dprobe.token=" + token,
              "-cp", jar + java.io.File.pathSeparator + probeClasses,
              ColdStartProbe.class.getName(), fn[0]);
          ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
          Map<String, String> env = builder.environment();
          env.put("JWT_SECRET", LocalSystem.LOCAL_JWT_SECRET);
          env.put("AWS_REGION", "us-east-1");
          env.put("AWS_ENDPOINT_URL_DYNAMODB", system.dynamoDbEndpoint().toString());
          env.put("AWS_ENDPOINT_URL_SQS", system.sqsEndpoint().toString());
          env.put("AWS_ENDPOINT_URL_SESV2", system.sesEndpoint().toString());
          env.put("AI_JOBS_QUEUE_URL", system.queues().aiJobs());
          env.put("NOTIFICATIONS_QUEUE_URL", system.queues().notifications());
          env.put("ADMIN_NOTIFICATION_EMAILS", "alex@example.com");
          env.put("AI_BURST_SETTLE_MS", "0");
          env.put("AWS_EMF_ENVIRONMENT", "Local");
          Process process = builder.start();
          String result = null;
          StringBuilder output = new StringBuilder();
          try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
              output.append(line).append('\n');
              if (line.startsWith("COLDSTART ")) {
                result = line;
              }
            }
          }
          if (process.waitFor() != 0 || result == null) {
            throw new IllegalStateException(fn[0] + " probe failed:\n" + output);
          }
          init.add(value(result, "init_ms"));
          first.add(value(result, "first_response_ms"));
          classes = value(result, "classes");
        }
        System.out.printf("| %s | %.1f | %d | %d | %d |%n", fn[1], Files.size(jar) / 1e6, median(init),
            median(first), classes);
      }
    }
    System.exit(0);
  }

  static long value(String line, String key) {
    for (String part : line.split(" ")) {
      if (part.startsWith(key + "=")) {
        return Long.parseLong(part.substring(key.length() + 1));
      }
    }
    throw new IllegalArgumentException(key + " not in " + line);
  }

  static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }
}
