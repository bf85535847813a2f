package com.commercive.support.assistant.kb;

import static org.assertj.core.api.Assertions.assertThat;

import com.commercive.support.assistant.Answer;
import com.commercive.support.assistant.Assistant;
import com.commercive.support.assistant.Question;
import com.commercive.support.assistant.Source;
import com.commercive.support.assistant.Turn;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Whether the assistant's replies answer merchants' questions: the first cited article is one
 * that answers, the reply contains the fact asked for, out-of-scope messages are handed off and
 * wrong answers carry less confidence than right ones. Prints the figures of every part (the misses
 * of the parts tuned on only); fails when a figure of the parts never tuned on, or of the whole
 * set, drops below its floor.
 */
class AnswerQualityTest {
  // Longer than most: reading the evaluation set, asking, judging and printing each figure.
  /**
   * Floors a little under what the parts never tuned on reach (docs/assistant.md has the figures
   * and the issue's targets, which they do not all meet yet): a drop fails the build.
   */
  static final double MIN_HIT_AT_1 = 0.86;
  static final double MIN_FACT_RECALL = 0.83;
  static final double MIN_PRECISION = 0.89;
  static final double MIN_OUT_OF_SCOPE_HANDOFF = 0.85;
  static final double MAX_FALSE_HANDOFF = 0.06;

  /**
   * The parts whose misses were read while tuning: "tune" from the start, the three "fresh" parts
   * since the fourth round (they had been written after earlier rounds and never tuned on).
   */
  static final Set<String> TUNED = Set.of("tune", "fresh", "fresh-2", "fresh-3");

  static Assistant assistant;
  static KnowledgeBase knowledgeBase;

  /** One part of a message: the articles that answer it, the facts a reply must contain (any). */
  record Part(Set<String> articles, List<String> facts) {}

  record Case(String split, List<Part> parts, String question, String history) {
    boolean outOfScope() {
      return parts.isEmpty();
    }

    Question asQuestion() {
      return history == null
          ? Question.of(question)
          : new Question(question, null, List.of(new Turn(Turn.Speaker.CUSTOMER, history)));
    }

    Set<String> rightArticles() {
      return parts.stream().flatMap(p -> p.articles().stream()).collect(Collectors.toSet());
    }
  }

  /** The figures the issue asks for, over one part of the set. */
  record Figures(
      int inScope, int rankedFirst, int hits, int factHits, int falseHandoffs, int answered, int rightAnswered,
      int outOfScope, int outHandedOff, double meanRightConfidence, double meanWrongConfidence,
      double meanAnswerChars) {
    double hitAt1() {
      return ratio(hits, inScope);
    }

    double factRecall() {
      return ratio(factHits, inScope);
    }

    double falseHandoff() {
      return ratio(falseHandoffs, inScope);
    }

    double precision() {
      return ratio(rightAnswered, answered);
    }

    double outOfScopeHandoff() {
      return ratio(outHandedOff, outOfScope);
    }

    String line(String name) {
      return String.format(Locale.ROOT,
          "%-9s ranked first %d/%d, hit@1 %.3f (%d/%d), fact recall %.3f (%d/%d), false handoff %.3f (%d/%d),"
              + " precision when answering %.3f (%d/%d), out-of-scope handoff %.3f (%d/%d),"
              + " mean confidence right %.3f / wrong %.3f, answers %.0f characters on average",
          name, rankedFirst, inScope, hitAt1(), hits, inScope, factRecall(), factHits, inScope, falseHandoff(),
          falseHandoffs, inScope, precision(), rightAnswered, answered, outOfScopeHandoff(),
          outHandedOff, outOfScope, meanRightConfidence, meanWrongConfidence, meanAnswerChars);
    }

    private static double ratio(int a, int b) {
      return b == 0 ? 1 : (double) a / b;
    }
  }

  @BeforeAll
  static void build() {
    knowledgeBase = KnowledgeBase.load();
    System.out.printf("knowledge base: %d articles indexed and embedded in %d ms%n",
        knowledgeBase.articles().size(), knowledgeBase.buildTime().toMillis());
    assistant = new KnowledgeBaseAssistant(knowledgeBase);
  }

  static List<String> lines(String resource) throws IOException {
    try (InputStream in = AnswerQualityTest.class.getResourceAsStream(resource)) {
      List<String> lines = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          lines.add(line);
        }
      }
      return lines;
    }
  }

  static List<Case> cases() throws IOException {
    List<Case> cases = cases("/evaluation/answers.tsv");
    // The earlier out-of-scope list was tuned on: it joins the tuning part.
    for (String message : lines("/evaluation/out-of-scope.txt")) {
      cases.add(new Case("tune", List.of(), message.strip(), null));
    }
    return cases;
  }

  /** The labelled messages of one evaluation file (columns: part, articles, facts, question, history). */
  static List<Case> cases(String resource) throws IOException {
    List<Case> cases = new ArrayList<>();
    for (String line : lines(resource)) {
      String[] columns = line.split("\t");
      List<Part> parts = new ArrayList<>();
      if (!columns[1].equals("-")) {
        String[] groups = columns[1].split(";");
        String[] facts = columns[2].split(";");
        assertThat(groups).as(line).hasSameSizeAs(facts);
        for (int i = 0; i < groups.length; i++) {
          parts.add(new Part(Set.of(groups[i].split("/")), List.of(facts[i].split("/"))));
        }
      }
      cases.add(new Case(columns[0], parts, columns[3], columns.length > 4 ? columns[4] : null));
    }
    return cases;
  }

  /** Replies compared without emphasis marks, spacing or case. */
  static String normalised(String text) {
    return text.replace("**", "").replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }

  static Figures evaluate(List<Case> cases, List<String> misses) {
    return evaluate(assistant, cases, misses);
  }

  static Figures evaluate(Assistant assistant, List<Case> cases, List<String> misses) {
    int inScope = 0, rankedFirst = 0, hits = 0, factHits = 0, falseHandoffs = 0, answered = 0, rightAnswered = 0;
    int outOfScope = 0, outHandedOff = 0;
    double rightConfidence = 0, wrongConfidence = 0, answerChars = 0;
    int right = 0, wrong = 0;
    for (Case c : cases) {
      Answer answer = assistant.answer(c.asQuestion());
      List<String> cited = answer.sources().stream().map(Source::id).toList();
      if (c.outOfScope()) {
        outOfScope++;
        if (answer.handoff()) {
          outHandedOff++;
        } else {
          answered++;
          wrong++;
          wrongConfidence += answer.confidence();
          misses.add("answered out of scope (" + answer.confidence() + ", " + cited + "): " + c.question());
        }
        continue;
      }
      inScope++;
      answerChars += answer.handoff() ? 0 : answer.text().length();
      if (firstArticle(c).map(c.rightArticles()::contains).orElse(false)) {
        rankedFirst++;
      }
      if (answer.handoff()) {
        falseHandoffs++;
        misses.add("handed off (" + answer.confidence() + "): " + c.question());
        continue;
      }
      answered++;
      boolean hit = !cited.isEmpty() && c.rightArticles().contains(cited.get(0));
      String reply = normalised(answer.text());
      boolean facts = c.parts().stream().allMatch(p ->
          p.facts().stream().anyMatch(f -> reply.contains(normalised(f))));
      if (hit) {
        hits++;
        rightAnswered++;
        right++;
        rightConfidence += answer.confidence();
      } else {
        wrong++;
        wrongConfidence += answer.confidence();
        misses.add("cited " + cited + " (" + answer.confidence() + ") for " + c.rightArticles() + ": " + c.question());
      }
      if (facts) {
        factHits++;
      } else if (hit) {
        misses.add("fact missing " + c.parts().stream().map(Part::facts).toList() + ": " + c.question()
            + (Boolean.getBoolean("answers.verbose") ? "\n" + answer.text().indent(6) : ""));
      }
    }
    return new Figures(inScope, rankedFirst, hits, factHits, falseHandoffs, answered, rightAnswered, outOfScope,
        outHandedOff, right == 0 ? 0 : rightConfidence / right, wrong == 0 ? 0 : wrongConfidence / wrong,
        inScope == falseHandoffs ? 0 : answerChars / (inScope - falseHandoffs));
  }

  /** The article the retrieval ranks first, handed off or not (ranking and calibration apart). */
  static java.util.Optional<String> firstArticle(Case c) {
    Retrieval retrieval = knowledgeBase.retrieve(c.question(), c.history());
    return retrieval.hasMatches()
        ? java.util.Optional.of(retrieval.matches().get(0).article().id())
        : java.util.Optional.empty();
  }

  @Test
  void answersTheQuestionAskedOrHandsOff() throws IOException {
    List<Case> cases = cases();
    List<Case> tune = cases.stream().filter(c -> TUNED.contains(c.split())).toList();
    List<Case> untuned = cases.stream().filter(c -> !TUNED.contains(c.split())).toList();
    assertThat(cases.stream().filter(c -> !c.outOfScope())).hasSizeGreaterThanOrEqualTo(120);
    assertThat(cases.stream().filter(c -> c.parts().size() > 1 || c.history() != null)).hasSizeGreaterThanOrEqualTo(12);
    assertThat(untuned).hasSizeGreaterThanOrEqualTo(80);
    assertThat(untuned).anyMatch(Case::outOfScope).anyMatch(c -> c.parts().size() > 1).anyMatch(c -> c.history() != null);

    Figures never = evaluate(untuned, new ArrayList<>());
    Figures all = evaluate(cases, new ArrayList<>());
    System.out.println("answer quality (" + cases.size() + " messages):");
    List<String> tuneMisses = new ArrayList<>();
    for (String part : List.of("tune", "fresh", "fresh-2", "fresh-3", "held-out", "fresh-4", "fresh-5", "fresh-6")) {
      // The parts tuned on show their misses; the others only their aggregate figures.
      List<String> misses = new ArrayList<>();
      System.out.println("  " + evaluate(cases.stream().filter(c -> c.split().equals(part)).toList(), misses)
          .line(part));
      if (TUNED.contains(part)) {
        misses.forEach(miss -> tuneMisses.add(part + ": " + miss));
      }
    }
    System.out.println("  " + evaluate(tune, new ArrayList<>()).line("tuned"));
    System.out.println("  " + never.line("untuned"));
    System.out.println("  " + all.line("all"));
    tuneMisses.forEach(m -> System.out.println("  miss (tuned) " + m));

    for (Figures figures : List.of(never, all)) {
      assertThat(figures.hitAt1()).as("hit@1").isGreaterThanOrEqualTo(MIN_HIT_AT_1);
      assertThat(figures.factRecall()).as("fact recall").isGreaterThanOrEqualTo(MIN_FACT_RECALL);
      assertThat(figures.precision()).as("precision when answering").isGreaterThanOrEqualTo(MIN_PRECISION);
      assertThat(figures.outOfScopeHandoff()).as("out-of-scope handoff").isGreaterThanOrEqualTo(MIN_OUT_OF_SCOPE_HANDOFF);
      assertThat(figures.falseHandoff()).as("false handoff").isLessThanOrEqualTo(MAX_FALSE_HANDOFF);
      assertThat(figures.meanWrongConfidence()).as("wrong answers' confidence")
          .isLessThan(figures.meanRightConfidence());
    }
  }
}
