package com.commercive.support.bench;

import static com.commercive.support.resources.EnvironmentVariables.AUTO_REPLY_ENABLED;
import static com.commercive.support.resources.EnvironmentVariables.TICKETS_PER_USER_PER_HOUR;

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
import java.util.Optional;

/**
 * Cold start of each function: a fresh JVM on the function's shaded jar (plus the probe class)
 * loads the handler, builds its clients and serves one real event against the local stand-ins.
 * Prints jar sizes, median times over {@value #RUNS} runs, and classes loaded. Run with
 * {@code mvn -q -pl bench -am install -DskipTests && mvn -q -pl bench exec:java
 * -Dexec.mainClass=com.commercive.support.bench.ColdStartBench}.
 */
public final class ColdStartBench {
  static final int RUNS = 7;
  static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

  public static void main(String[] args) throws Exception {
    Path functions = Path.of(System.getProperty("functions.dir", ".."));
    // -Dcoldstart.baseline=<another checkout, built> also measures that build's jars, run for run
    // alternately with this one's, so that the machine's drift weighs on both alike.
    Optional<Path> baseline = Optional.ofNullable(System.getProperty("coldstart.baseline")).map(Path::of);
    String version = System.getProperty("project.version", "1.0.0-SNAPSHOT");
    Path probeClasses = Path.of(ColdStartProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    try (LocalSystem system = LocalSystem.start(LocalSystem.Settings.forTests(Map.of(AUTO_REPLY_ENABLED, "false",
        TICKETS_PER_USER_PER_HOUR, "0", "SES_STANDIN_DIR", functions.resolve("local").resolve("ses-standin").toString(),
        "S3_STANDIN_DIR", functions.resolve("local").resolve("s3-standin").toString())))) {
      String token = system.tokenFor("demo-user");
      java.util.Queue<String[]> questions = new java.util.ArrayDeque<>();
      // One question per probe run: five functions, each up to 5 runs of RUNS and a training run.
      for (int i = 0; i < 5 * (5 * RUNS + 1); i++) {
        var created = JSON.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(system.apiUrl() + "/support/tickets")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(
                "{\"subject\":\"Cold start probe\",\"message\":\"How do I reset my password?\"}"))
            .build(), HttpResponse.BodyHandlers.ofString()).body());
        questions.add(new String[] {created.at("/ticket/ticket_id").asText(), created.at("/message/message_id").asText()});
      }
      awaitQuiet(system);

      // Class-data sharing archives only classes that come from jars, so the probe goes in one.
      Path work = Files.createTempDirectory("cold-start");
      Path probeJar = probeJar(probeClasses, work.resolve("probe.jar"));
      System.out.println("| function | build | jar MB | init ms | first response ms | classes loaded "
          + "| first response ms with AppCDS | warm-up before snapshot, then first response ms "
          + "| heap / resident memory after the warm-up MB |");
      System.out.println("|---|---|---|---|---|---|---|---|---|");
      // -Dcoldstart.functions=api,ai-response measures only those (the kinds below).
      java.util.Set<String> only = System.getProperty("coldstart.functions") == null ? null
          : java.util.Set.of(System.getProperty("coldstart.functions").split(","));
      for (String[] fn : new String[][] {{"api", "api-handler"}, {"ai-response", "ai-response"},
          {"stream-processor", "stream-processor"},
          {"ai-worker", "ai-worker"}, {"notifier", "notifier"}}) {
        if (only != null && !only.contains(fn[0])) {
          continue;
        }
        Path jar = jarOf(functions, fn[1], version);
        // A function the baseline did not have yet is measured alone.
        Optional<Path> baselineJar = baseline.map(b -> jarOf(b, fn[1], version)).filter(Files::exists);
        Runs current = new Runs();
        Runs before = new Runs();
        for (int run = 0; run < RUNS; run++) {
          current.add(probe(system, fn[0], jar, probeJar, token, questions, List.of()));
          if (baselineJar.isPresent()) {
            before.add(probe(system, fn[0], baselineJar.get(), probeJar, token, questions, List.of()));
          }
        }
        // One training run writes the archive of every class it loaded; the runs after map it.
        Path archive = work.resolve(fn[0] + ".jsa");
        probe(system, fn[0], jar, probeJar, token, questions, List.of("-XX:ArchiveClassesAtExit=" + archive));
        List<Long> firstWithCds = new ArrayList<>();
        List<Long> afterWarmUp = new ArrayList<>();
        List<Long> heap = new ArrayList<>();
        List<Long> baselineHeap = new ArrayList<>();
        List<Long> resident = new ArrayList<>();
        List<Long> baselineResident = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
          firstWithCds.add(value(probe(system, fn[0], jar, probeJar, token, questions,
              List.of("-XX:SharedArchiveFile=" + archive)), "first_response_ms"));
          String primed = probe(system, fn[0], jar, probeJar, token, questions, List.of("-Dprobe.primed=true"));
          afterWarmUp.add(value(primed, "after_warm_up_ms"));
          heap.add(value(primed, "heap_mb"));
          resident.add(value(primed, "rss_mb"));
          if (baselineJar.isPresent()) {
            String baselinePrimed = probe(system, fn[0], baselineJar.get(), probeJar, token, questions,
                List.of("-Dprobe.primed=true"));
            baselineHeap.add(value(baselinePrimed, "heap_mb"));
            baselineResident.add(value(baselinePrimed, "rss_mb"));
          }
        }
        if (baselineJar.isPresent()) {
          System.out.printf("| %s | baseline | %.1f | %d | %d | %d | | | %d / %d |%n", fn[1],
              Files.size(baselineJar.get()) / 1e6, median(before.init), median(before.first), before.classes,
              median(baselineHeap), median(baselineResident));
        }
        System.out.printf("| %s | this | %.1f | %d | %d | %d | %d | %d | %d / %d |%n", fn[1], Files.size(jar) / 1e6,
            median(current.init), median(current.first), current.classes, median(firstWithCds), median(afterWarmUp),
            median(heap), median(resident));
      }
    }
    System.exit(0);
  }

  /** The times one build's plain runs reported. */
  static final class Runs {
    final List<Long> init = new ArrayList<>();
    final List<Long> first = new ArrayList<>();
    long classes;

    void add(String result) {
      init.add(value(result, "init_ms"));
      first.add(value(result, "first_response_ms"));
      classes = value(result, "classes");
    }
  }

  static Path jarOf(Path checkout, String module, String version) {
    return checkout.resolve(module).resolve("target").resolve(module + "-" + version + "-lambda.jar");
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
        "-cp", String.join(java.io.File.pathSeparator, jar.toString(), probeJar.toString(), FreshJvm.hostNativeLibraries()),
        ColdStartProbe.class.getName(), kind));
    return FreshJvm.run(command, FreshJvm.functionEnvironment(system), "COLDSTART ").get(0);
  }

  /** The probe's classes (from the bench's class directory) as a jar. */
  static Path probeJar(Path classes, Path jar) throws Exception {
    return classesJar(classes, jar, "ColdStartProbe");
  }

  /** The bench classes whose names start with {@code prefix}, as a jar. */
  static Path classesJar(Path classes, Path jar, String prefix) throws Exception {
    try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar));
        var files = Files.walk(classes.resolve("com/commercive/support/bench"))) {
      for (Path file : files.filter(f -> f.getFileName().toString().startsWith(prefix)).toList()) {
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
