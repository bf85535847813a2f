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
  static final List<String> PARTS = List.of("whole", "whole-held-out");
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
        assertThat(figures.hitAt1()).as("hit@1").isGreaterThanOrEqualTo(MIN_HIT_AT_1);
        assertThat(figures.factRecall()).as("fact recall").isGreaterThanOrEqualTo(MIN_FACT_RECALL);
        assertThat(figures.falseHandoff()).as("false handoff").isLessThanOrEqualTo(MAX_FALSE_HANDOFF);
        assertThat(figures.precision()).as("precision when answering").isGreaterThanOrEqualTo(MIN_PRECISION);
        assertThat(figures.outOfScopeHandoff()).as("out-of-scope handoff").isGreaterThanOrEqualTo(MIN_OUT_OF_SCOPE_HANDOFF);
      }
    }
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
