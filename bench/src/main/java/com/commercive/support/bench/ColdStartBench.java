package com.commercive.support.bench;

import com.commercive.support.local.LocalSystem;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
  static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

  public static void main(String[] args) throws Exception {
    Path functions = Path.of(System.getProperty("functions.dir", ".."));
    // -Dcoldstart.jars=<another checkout> measures that build's jars (before/after comparisons);
    // -Dcoldstart.warmUps=false skips the columns older builds cannot run.
    Path jars = Path.of(System.getProperty("coldstart.jars", functions.toString()));
    boolean variants = Boolean.parseBoolean(System.getProperty("coldstart.warmUps", "true"));
    String version = System.getProperty("project.version", "1.0.0-SNAPSHOT");
    Path probeClasses = Path.of(ColdStartProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    try (LocalSystem system = LocalSystem.start(LocalSystem.Settings.forTests(Map.of("AUTO_REPLY_ENABLED", "false",
        "TICKETS_PER_USER_PER_HOUR", "0", "SES_STANDIN_DIR", functions.resolve("local").resolve("ses-standin").toString())))) {
      String token = system.tokenFor("demo-user");
      java.util.Queue<String[]> questions = new java.util.ArrayDeque<>();
      for (int i = 0; i < 4 * (3 * RUNS + 1); i++) {
        var created = JSON.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(system.apiUrl() + "/support/tickets")).header("Authorization", "Bearer " + token)
            .POST(HttpRequest.BodyPublishers.ofString(
                "{\"subject\":\"Cold start probe\",\"message\":\"How do I reset my password?\"}"))
            .build(), HttpResponse.BodyHandlers.ofString()).body());
        questions.add(new String[] {created.at("/ticket/ticket_id").asText(), created.at("/message/message_id").asText()});
      }
      awaitQuiet(system);

      // Class-data sharing archives only classes that come from jars, so the probe goes in one.
      Path work = Files.createTempDirectory("cold-start");
      Path probeJar = probeJar(probeClasses, work.resolve("probe.jar"));
      System.out.println("| function | jar MB | init ms | first response ms | classes loaded "
          + "| first response ms with AppCDS | warm-up before snapshot, then first response ms |");
      System.out.println("|---|---|---|---|---|---|---|");
      for (String[] fn : new String[][] {{"api", "api-handler"}, {"stream-processor", "stream-processor"},
          {"ai-worker", "ai-worker"}, {"notifier", "notifier"}}) {
        Path jar = jars.resolve(fn[1]).resolve("target").resolve(fn[1] + "-" + version + "-lambda.jar");
        Path archive = work.resolve(fn[0] + ".jsa");
        List<Long> init = new ArrayList<>();
        List<Long> first = new ArrayList<>();
        List<Long> firstWithCds = new ArrayList<>();
        List<Long> afterWarmUp = new ArrayList<>();
        long classes = 0;
        for (int run = 0; run < RUNS; run++) {
          String result = probe(system, fn[0], jar, probeJar, token, questions, List.of());
          init.add(value(result, "init_ms"));
          first.add(value(result, "first_response_ms"));
          classes = value(result, "classes");
        }
        // One training run writes the archive of every class it loaded; the runs after map it.
        probe(system, fn[0], jar, probeJar, token, questions, List.of("-XX:ArchiveClassesAtExit=" + archive));
        for (int run = 0; run < RUNS && variants; run++) {
          String result = probe(system, fn[0], jar, probeJar, token, questions,
              List.of("-XX:SharedArchiveFile=" + archive));
          firstWithCds.add(value(result, "first_response_ms"));
        }
        for (int run = 0; run < RUNS && variants; run++) {
          String result = probe(system, fn[0], jar, probeJar, token, questions, List.of("-Dprobe.primed=true"));
          afterWarmUp.add(value(result, "after_warm_up_ms"));
        }
        System.out.printf("| %s | %.1f | %d | %d | %d | %s | %s |%n", fn[1], Files.size(jar) / 1e6, median(init),
            median(first), classes, variants ? median(firstWithCds) : "", variants ? median(afterWarmUp) : "");
      }
    }
    System.exit(0);
  }

  /**
   * Waits until the local pipeline has finished the work the questions caused (no new email for
   * three seconds), so that its threads do not share the CPU with the measured JVMs.
   */
  static void awaitQuiet(LocalSystem system) throws Exception {
    int last = -1;
    int quietSeconds = 0;
    for (int second = 0; second < 120 && quietSeconds < 3; second++) {
      Thread.sleep(1_000);
      int emails = JSON.readTree(HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(system.sesEndpoint().resolve("/store")).build(),
          HttpResponse.BodyHandlers.ofString()).body()).path("emails").size();
      quietSeconds = emails == last ? quietSeconds + 1 : 0;
      last = emails;
    }
  }

  /** One fresh JVM serving one event; returns what it reported (times and classes). */
  static String probe(LocalSystem system, String kind, Path jar, Path probeJar, String token,
      java.util.Queue<String[]> questions, List<String> jvmOptions) throws Exception {
    // A new question each run (the AI worker never answers the same message twice), asked
    // before the measurements so the local pipeline's work on it is over by then.
    String[] question = questions.remove();
    String ticketId = question[0];
    String messageId = question[1];
    List<String> command = new ArrayList<>(List.of("java", "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1"));
    command.addAll(jvmOptions);
    command.addAll(List.of("-Dprobe.ticket=" + ticketId, "-Dprobe.message=" + messageId, "-Dprobe.token=" + token,
        "-cp", jar + java.io.File.pathSeparator + probeJar, ColdStartProbe.class.getName(), kind));
    return FreshJvm.run(command, FreshJvm.functionEnvironment(system), "COLDSTART ").get(0);
  }

  /** The probe's classes (from the bench's class directory) as a jar. */
  static Path probeJar(Path classes, Path jar) throws Exception {
    try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar));
        var files = Files.walk(classes.resolve("com/commercive/support/bench"))) {
      for (Path file : files.filter(f -> f.getFileName().toString().startsWith("ColdStartProbe")).toList()) {
        out.putNextEntry(new java.util.jar.JarEntry(classes.relativize(file).toString().replace('\\', '/')));
        out.write(Files.readAllBytes(file));
        out.closeEntry();
      }
    }
    return jar;
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
