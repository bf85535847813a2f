package com.commercive.support.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.commercive.support.domain.Priority;
import com.commercive.support.testkit.PriorityEvaluation;
import com.commercive.support.testkit.PriorityEvaluation.Figures;
import com.commercive.support.testkit.PriorityEvaluation.Opening;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The rules alone, at ticket creation (before the assistant has read the ticket), judged as a
 * support lead would ({@link PriorityEvaluation}). The tuning parts were read while writing the
 * rules; the held-out parts never were: only their figures are printed. With the assistant's topic
 * (what the AI worker adds) the figures are printed by {@code PriorityFromTopicEvaluationTest}.
 */
class PriorityDetectionEvaluationTest {
  /**
   * The held-out floors of the rules alone, under which the build fails: measured on the five parts
   * together (2026-12-06, 400 openings) 0.897 and 0.689. The targets (0.90 and 0.80) apply to what a
   * ticket gets in all, with the AI worker's second reading: {@code PriorityFromTopicEvaluationTest}.
   */
  static final double HELD_OUT_PRECISION_FLOOR = 0.85;
  static final double HELD_OUT_RECALL_FLOOR = 0.65;

  static Optional<Priority> rules(Opening o) {
    return PriorityDetection.detect(o.subject(), o.message()).map(PriorityDetection.Detection::priority);
  }

  @Test
  void onTheTuningParts() {
    Figures figures = PriorityEvaluation.measure(PriorityEvaluation.load(PriorityEvaluation.TUNING_PARTS),
        PriorityDetectionEvaluationTest::rules);
    System.out.println(figures.line("rules alone, tuning parts"));
    figures.misses().forEach(miss -> System.out.println("  " + miss));
    assertThat(figures.precision()).isGreaterThanOrEqualTo(0.90);
    assertThat(figures.recall()).isGreaterThanOrEqualTo(0.80);
  }

  @Test
  void onTheHeldOutPartsNeverTunedOn() {
    List<Opening> heldOut = PriorityEvaluation.load(PriorityEvaluation.HELD_OUT_PARTS);
    // Only the figures: which openings were missed stays unread, so nothing is tuned on them.
    for (String part : PriorityEvaluation.HELD_OUT_PARTS) {
      System.out.println(PriorityEvaluation.measure(PriorityEvaluation.load(part), PriorityDetectionEvaluationTest::rules)
          .line("rules alone, " + part + " (never tuned on)"));
    }
    Figures figures = PriorityEvaluation.measure(heldOut, PriorityDetectionEvaluationTest::rules);
    System.out.println(figures.line("rules alone, held-out parts (never tuned on)"));
    assertThat(figures.tickets()).isGreaterThanOrEqualTo(60);
    assertThat(figures.precision()).isGreaterThanOrEqualTo(HELD_OUT_PRECISION_FLOOR);
    assertThat(figures.recall()).isGreaterThanOrEqualTo(HELD_OUT_RECALL_FLOOR);
  }
}
