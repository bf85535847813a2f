package com.commercive.support.assistant.kb;

import static org.assertj.core.api.Assertions.assertThat;

import com.commercive.support.assistant.Answer;
import com.commercive.support.assistant.Source;
import com.commercive.support.assistant.kb.AnswerQualityTest.Case;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
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
  /** Written after the tuning, by another session that read only the articles: never tuned on. */
  static final String FRESH = "/evaluation/whole-messages-fresh.tsv";
  /** A second part to tune on, by a third writer, written after the first round of tuning. */
  static final String SECOND = "/evaluation/whole-messages-2.tsv";
  static final List<String> PARTS = List.of("whole", "whole-held-out");
  static final List<String> NEVER_TUNED = List.of("whole-held-out", "whole-fresh");
  /**
   * Floors on the half never tuned on, a little under what the assistant reached before any work
   * on these messages (docs/assistant.md): a drop fails the build; they rise as the work lands.
   */
  static final double MIN_HIT_AT_1 = 0.60;
  static final double MIN_FACT_RECALL = 0.50;
  static final double MAX_FALSE_HANDOFF = 0.30;
  static final double MIN_PRECISION = 0.80;
  static final double MIN_OUT_OF_SCOPE_HANDOFF = 0.85;

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
        checkFloors(figures);
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
  void measuresTheFreshPartWrittenAfterTheTuning() throws IOException {
    List<Case> fresh = AnswerQualityTest.cases(FRESH);
    assertThat(fresh).hasSizeGreaterThanOrEqualTo(60);
    assertThat(fresh).extracting(Case::split).containsOnly("whole-fresh");
    assertThat(fresh.stream().filter(c -> c.parts().size() > 1)).hasSizeGreaterThanOrEqualTo(6);
    assertThat(fresh.stream().filter(c -> c.history() != null)).hasSizeGreaterThanOrEqualTo(6);
    assertThat(fresh.stream().filter(Case::outOfScope)).hasSizeGreaterThanOrEqualTo(10);
    AnswerQualityTest.Figures figures = AnswerQualityTest.evaluate(fresh, new ArrayList<>());
    System.out.println("  " + figures.line("whole-fresh"));
    System.out.println("  whole-fresh two-question messages and follow-ups answered whole: "
        + answeredWhole(fresh.stream().filter(c -> c.parts().size() > 1 || c.history() != null).toList()));
    checkFloors(figures);
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

  private static void checkFloors(AnswerQualityTest.Figures figures) {
    assertThat(figures.hitAt1()).as("hit@1").isGreaterThanOrEqualTo(MIN_HIT_AT_1);
    assertThat(figures.factRecall()).as("fact recall").isGreaterThanOrEqualTo(MIN_FACT_RECALL);
    assertThat(figures.falseHandoff()).as("false handoff").isLessThanOrEqualTo(MAX_FALSE_HANDOFF);
    assertThat(figures.precision()).as("precision when answering").isGreaterThanOrEqualTo(MIN_PRECISION);
    assertThat(figures.outOfScopeHandoff()).as("out-of-scope handoff").isGreaterThanOrEqualTo(MIN_OUT_OF_SCOPE_HANDOFF);
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
