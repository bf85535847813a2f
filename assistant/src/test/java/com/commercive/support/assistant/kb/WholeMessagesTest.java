package com.commercive.support.assistant.kb;

import static org.assertj.core.api.Assertions.assertThat;

import com.commercive.support.assistant.Answer;
import com.commercive.support.assistant.Source;
import com.commercive.support.assistant.kb.AnswerQualityTest.Case;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 28: messages written the way merchants really write to a help desk (long context before
 * the question, emotion, their own words, numbers and their own case, two words; two questions in
 * one; follow-ups; out of scope), in {@code evaluation/whole-messages.tsv}, written by a session
 * that read only the help articles. Half of it ({@code whole}) may be tuned on, its misses
 * printed; the other half ({@code whole-held-out}) never, only its aggregate figures printed.
 */
class WholeMessagesTest {
  static final String RESOURCE = "/evaluation/whole-messages.tsv";
  /** Written after the first round of tuning, by another session that read only the articles: never tuned on. */
  static final String FRESH = "/evaluation/whole-messages-fresh.tsv";
  /** Written after the second round, by yet another session: never tuned on. */
  static final String FRESH_2 = "/evaluation/whole-messages-fresh-2.tsv";
  /** A second part to tune on, by a third writer, written after the first round of tuning. */
  static final String SECOND = "/evaluation/whole-messages-2.tsv";
  static final List<String> PARTS = List.of("whole", "whole-held-out");
  static final List<String> NEVER_TUNED = List.of("whole-held-out", "whole-fresh", "whole-fresh-2");
  /** The least each never-tuned part must keep (out-of-scope handoff as a share, the rest likewise). */
  record Floors(double hitAt1, double factRecall, double maxFalseHandoff, double precision, double outOfScopeHandoff) {}

  /**
   * Floors on the parts never tuned on, at or a little under what they measure (docs/assistant.md
   * has the figures): a drop fails the build.
   */
  static final Map<String, Floors> FLOORS = Map.of(
      "whole-held-out", new Floors(0.60, 0.50, 0.30, 0.80, 0.85),
      "whole-fresh", new Floors(0.80, 0.70, 0.12, 0.86, 0.85),
      "whole-fresh-2", new Floors(0.82, 0.76, 0.12, 0.86, 0.70));

  @BeforeAll
  static void build() {
    AnswerQualityTest.build();
  }

  @Test
  void measuresEveryStyleOfMessageOnBothHalves() throws IOException {
    List<Case> cases = AnswerQualityTest.cases(RESOURCE);
    assertThat(cases).hasSizeGreaterThanOrEqualTo(100);
    assertThat(cases).extracting(Case::split).containsOnly(PARTS.toArray(String[]::new));
    assertThat(cases.stream().filter(c -> c.parts().size() > 1)).hasSizeGreaterThanOrEqualTo(10);
    assertThat(cases.stream().filter(c -> c.history() != null)).hasSizeGreaterThanOrEqualTo(10);
    assertThat(cases.stream().filter(Case::outOfScope)).hasSizeGreaterThanOrEqualTo(10);

    System.out.println("whole messages (" + cases.size() + "):");
    for (String part : PARTS) {
      List<Case> inPart = cases.stream().filter(c -> c.split().equals(part)).toList();
      List<String> misses = new ArrayList<>();
      AnswerQualityTest.Figures figures = AnswerQualityTest.evaluate(inPart, misses);
      System.out.println("  " + figures.line(part));
      System.out.println("  " + part + " two-question messages and follow-ups answered whole: "
          + answeredWhole(inPart.stream().filter(c -> c.parts().size() > 1 || c.history() != null).toList()));
      if (part.equals("whole")) {
        misses.forEach(miss -> System.out.println("  miss (whole) " + miss));
      } else {
        checkFloors(part, figures);
      }
    }
  }

  /** A second tuning part by another writer (misses printed): the first half's wording was learnt too well. */
  @Test
  void measuresTheSecondTuningPart() throws IOException {
    List<Case> second = AnswerQualityTest.cases(SECOND);
    assertThat(second).hasSizeGreaterThanOrEqualTo(60);
    assertThat(second).extracting(Case::split).containsOnly("whole-2");
    List<String> misses = new ArrayList<>();
    AnswerQualityTest.Figures figures = AnswerQualityTest.evaluate(second, misses);
    System.out.println("  " + figures.line("whole-2"));
    System.out.println("  whole-2 two-question messages and follow-ups answered whole: "
        + answeredWhole(second.stream().filter(c -> c.parts().size() > 1 || c.history() != null).toList()));
    misses.forEach(miss -> System.out.println("  miss (whole-2) " + miss));
  }

  @Test
  void measuresTheFreshPartsWrittenAfterTheTuning() throws IOException {
    for (String resource : List.of(FRESH, FRESH_2)) {
      List<Case> fresh = AnswerQualityTest.cases(resource);
      assertThat(fresh).hasSizeGreaterThanOrEqualTo(60);
      String part = fresh.get(0).split();
      assertThat(fresh).extracting(Case::split).containsOnly(part).allMatch(NEVER_TUNED::contains);
      assertThat(fresh.stream().filter(c -> c.parts().size() > 1)).hasSizeGreaterThanOrEqualTo(6);
      assertThat(fresh.stream().filter(c -> c.history() != null)).hasSizeGreaterThanOrEqualTo(6);
      assertThat(fresh.stream().filter(Case::outOfScope)).hasSizeGreaterThanOrEqualTo(10);
      AnswerQualityTest.Figures figures = AnswerQualityTest.evaluate(fresh, new ArrayList<>());
      System.out.println("  " + figures.line(part));
      System.out.println("  " + part + " two-question messages and follow-ups answered whole: "
          + answeredWhole(fresh.stream().filter(c -> c.parts().size() > 1 || c.history() != null).toList()));
      checkFloors(part, figures);
    }
  }

  /**
   * What a support lead chooses {@code ASSISTANT_HANDOFF_THRESHOLD} from: on the parts never tuned
   * on, the share of in-scope messages answered, the precision when answering and the fact recall
   * at each threshold (docs/assistant.md has the table). Raising the threshold never answers more.
   */
  @Test
  void printsTheTradeOffOfTheHandoffThreshold() throws IOException {
    List<Case> never = new ArrayList<>(AnswerQualityTest.cases(RESOURCE).stream()
        .filter(c -> NEVER_TUNED.contains(c.split())).toList());
    never.addAll(AnswerQualityTest.cases(FRESH));
    never.addAll(AnswerQualityTest.cases(FRESH_2));
    System.out.println("handoff threshold trade-off on the never-tuned whole messages (" + never.size() + "):");
    System.out.println("  | threshold | in scope answered | precision when answering | fact recall | out of scope handed off |");
    int previouslyAnswered = Integer.MAX_VALUE;
    for (int step = 40; step <= 80; step += 5) {
      double threshold = step / 100.0;
      KnowledgeBaseAssistant assistant =
          new KnowledgeBaseAssistant(AnswerQualityTest.knowledgeBase.withHandoffThreshold(threshold));
      AnswerQualityTest.Figures f = AnswerQualityTest.evaluate(assistant, never, new ArrayList<>());
      System.out.printf(java.util.Locale.ROOT, "  | %.2f | %.3f (%d/%d) | %.3f (%d/%d) | %.3f | %.3f (%d/%d) |%n",
          threshold, 1 - f.falseHandoff(), f.inScope() - f.falseHandoffs(), f.inScope(), f.precision(),
          f.rightAnswered(), f.answered(), f.factRecall(), f.outOfScopeHandoff(), f.outHandedOff(), f.outOfScope());
      assertThat(f.answered()).isLessThanOrEqualTo(previouslyAnswered);
      previouslyAnswered = f.answered();
    }
  }

  private static void checkFloors(String part, AnswerQualityTest.Figures figures) {
    Floors floors = FLOORS.get(part);
    assertThat(figures.hitAt1()).as(part + " hit@1").isGreaterThanOrEqualTo(floors.hitAt1());
    assertThat(figures.factRecall()).as(part + " fact recall").isGreaterThanOrEqualTo(floors.factRecall());
    assertThat(figures.falseHandoff()).as(part + " false handoff").isLessThanOrEqualTo(floors.maxFalseHandoff());
    assertThat(figures.precision()).as(part + " precision when answering").isGreaterThanOrEqualTo(floors.precision());
    assertThat(figures.outOfScopeHandoff()).as(part + " out-of-scope handoff")
        .isGreaterThanOrEqualTo(floors.outOfScopeHandoff());
  }

  /** How many of {@code cases} get an answer whose first source is right and that holds every fact asked for. */
  static String answeredWhole(List<Case> cases) {
    int whole = 0;
    for (Case c : cases) {
      Answer answer = AnswerQualityTest.assistant.answer(c.asQuestion());
      List<String> cited = answer.sources().stream().map(Source::id).toList();
      String reply = AnswerQualityTest.normalised(answer.text());
      boolean facts = c.parts().stream().allMatch(p ->
          p.facts().stream().anyMatch(f -> reply.contains(AnswerQualityTest.normalised(f))));
      if (!answer.handoff() && !cited.isEmpty() && c.rightArticles().contains(cited.get(0)) && facts) {
        whole++;
      }
    }
    return whole + " of " + cases.size();
  }
}
