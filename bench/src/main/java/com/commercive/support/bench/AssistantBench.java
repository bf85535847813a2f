package com.commercive.support.bench;

import static com.commercive.support.resources.EnvironmentVariables.LOG_LEVEL;

import com.commercive.support.assistant.Answer;
import com.commercive.support.assistant.Question;
import com.commercive.support.assistant.kb.KnowledgeBase;
import com.commercive.support.assistant.kb.KnowledgeBaseAssistant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The assistant's costs: (1) warm answer latency per question, embedding included, p50 and p99
 * over many questions in one JVM; (2) a fresh JVM on the AI worker's shaded jar loading the
 * knowledge base and answering once, with the help centre's vectors shipped in the jar (built by
 * the build) against computed at start, alternately. Run from {@code bench/} with
 * {@code mvn -q -B exec:java -Dexec.mainClass=com.commercive.support.bench.AssistantBench}.
 */
public final class AssistantBench {
  static final int WARM_ROUNDS = 20;
  static final int FRESH_RUNS = 5;
  /** Questions in merchants' words, one per topic and kind (not the evaluation set). */
  static final List<String> QUESTIONS = List.of(
      "My payout says paid but the money is not in my bank",
      "what is the minimum payout?",
      "how long does a bank transfer payout take",
      "how do I change my payout method",
      "why does commercive show 3 units when shopify says 10",
      "can I get an email before something sells out",
      "a buyer says their package never showed up",
      "where do I put the tracking code for a shipment",
      "my store says connection lost",
      "how do I connect a second shop",
      "what percentage do affiliates earn",
      "someone signed up with my link but isn't in my list",
      "forgot my pasword",
      "my account is locked after too many tries",
      "payout pending and how do I change my bank",
      "what's the capital of australia",
      // Whole messages (issue 28): a story before the question costs a second reading of the asking sentences.
      "we sell candles in forty scents and moved everything to a new unit last month. my staff recounted every"
          + " shelf on friday and typed the counts into shopify. commercive still shows the old numbers for half of"
          + " them. which one is right and what do i do now?",
      "THIRD time writing!! my payout says failed and the money is gone, i have rent due on friday. where is my"
          + " money and what do i have to do to get it?");

  private AssistantBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("probe")) {
      probe();
      return;
    }
    warmLatency();
    freshStarts();
  }

  static void warmLatency() {
    KnowledgeBaseAssistant assistant = new KnowledgeBaseAssistant(KnowledgeBase.load());
    for (int i = 0; i < 5; i++) {
      QUESTIONS.forEach(q -> assistant.answer(Question.of(q)));
    }
    List<Long> micros = new ArrayList<>();
    for (int round = 0; round < WARM_ROUNDS; round++) {
      for (String question : QUESTIONS) {
        long started = System.nanoTime();
        assistant.answer(Question.of(question));
        micros.add((System.nanoTime() - started) / 1_000);
      }
    }
    Collections.sort(micros);
    System.out.printf("warm answer latency over %d answers (%d questions x %d): p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
        micros.size(), QUESTIONS.size(), WARM_ROUNDS, percentile(micros, 50) / 1000.0,
        percentile(micros, 99) / 1000.0, micros.get(micros.size() - 1) / 1000.0);
  }

  static void freshStarts() throws Exception {
    Path functions = Path.of(System.getProperty("functions.dir", ".."));
    String version = System.getProperty("project.version", "1.0.0-SNAPSHOT");
    Path jar = functions.resolve("ai-worker/target/ai-worker-" + version + "-lambda.jar");
    Path classes = Path.of(AssistantBench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path work = Files.createTempDirectory("assistant-bench");
    Path probeJar = ColdStartBench.classesJar(classes, work.resolve("probe.jar"), "AssistantBench");
    // A class path entry ahead of the jar whose empty vectors file the knowledge base cannot use,
    // so it computes the vectors at start as it would without the build's file.
    Path noVectors = work.resolve("no-vectors");
    Files.createDirectories(noVectors.resolve("knowledge-base"));
    Files.write(noVectors.resolve("knowledge-base/vectors.bin"), new byte[0]);

    Map<String, List<Long>> load = Map.of("shipped", new ArrayList<>(), "computed", new ArrayList<>());
    Map<String, List<Long>> first = Map.of("shipped", new ArrayList<>(), "computed", new ArrayList<>());
    for (int run = 0; run < FRESH_RUNS; run++) {
      for (String mode : List.of("shipped", "computed")) {
        List<String> classPath = new ArrayList<>();
        if (mode.equals("computed")) {
          classPath.add(noVectors.toString());
        }
        classPath.addAll(List.of(jar.toString(), probeJar.toString(), FreshJvm.hostNativeLibraries()));
        String line = FreshJvm.run(List.of("java", "-XX:TieredStopAtLevel=1", "-cp",
                String.join(java.io.File.pathSeparator, classPath), AssistantBench.class.getName(), "probe"),
            Map.of(LOG_LEVEL, "ERROR"), "ASSISTANT ").get(0);
        load.get(mode).add(ColdStartBench.value(line, "load_ms"));
        first.get(mode).add(ColdStartBench.value(line, "first_answer_ms"));
      }
    }
    System.out.printf("fresh JVM on the AI worker's jar, medians of %d alternating runs:%n", FRESH_RUNS);
    for (String mode : List.of("shipped", "computed")) {
      System.out.printf("  vectors %-8s: knowledge base loaded in %d ms, first answer %d ms after that%n",
          mode, ColdStartBench.median(load.get(mode)), ColdStartBench.median(first.get(mode)));
    }
  }

  /** In the fresh JVM: load, answer once, report. */
  static void probe() {
    long started = System.nanoTime();
    KnowledgeBase knowledgeBase = KnowledgeBase.load();
    long loaded = System.nanoTime();
    Answer answer = new KnowledgeBaseAssistant(knowledgeBase).answer(Question.of(QUESTIONS.get(0)));
    long answered = System.nanoTime();
    System.out.printf("ASSISTANT load_ms=%d first_answer_ms=%d sources=%s%n", (loaded - started) / 1_000_000,
        (answered - loaded) / 1_000_000, answer.sources().isEmpty() ? "-" : answer.sources().get(0).id());
  }

  static long percentile(List<Long> sorted, int p) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }
}
