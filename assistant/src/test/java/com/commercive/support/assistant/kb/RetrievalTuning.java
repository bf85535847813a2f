package com.commercive.support.assistant.kb;

import com.commercive.support.assistant.kb.AnswerQualityTest.Case;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * How {@link RetrievalWeights} were chosen: a grid search over the parts of the evaluation set
 * tuned on only ({@link AnswerQualityTest#TUNED}; the parts never tuned on are not read here). A tool, not a test of the build: run it with
 * {@code mvn -B -pl assistant -am test -Dtest=RetrievalTuning -Dtune=true
 * -Dsurefire.failIfNoSpecifiedTests=false}. A wrong answer costs as much as four right ones, since
 * a merchant misled is worse off than one handed to a person.
 */
@EnabledIfSystemProperty(named = "tune", matches = "true")
class RetrievalTuning {
  static final double WRONG_ANSWER_COST = 4;

  /** One tuning question's outcome before the handoff decision. */
  record Outcome(Retrieval.Signals signals, boolean right, boolean decided) {}

  record Result(RetrievalWeights weights, int right, int wrong, int handedOff, double utility) {}

  @org.junit.jupiter.api.BeforeAll
  static void build() {
    AnswerQualityTest.build();
  }

  @Test
  void searchTheWeights() throws IOException {
    KnowledgeBase base = KnowledgeBase.load();
    List<Case> tune = tuningCases();
    List<Result> results = new ArrayList<>();
    for (double ask : new double[] {0.3, 0.5, 0.7}) {
      for (double story : new double[] {0.25, 0.5, 1}) {
        RetrievalWeights ranking = RetrievalWeights.DEFAULT.withStory(ask, story);
        KnowledgeBase knowledgeBase = base.withWeights(ranking);
        List<Outcome> outcomes = new ArrayList<>();
        for (Case c : tune) {
          Retrieval retrieval = knowledgeBase.retrieve(c.question(), c.history());
          // Handed off whatever the confidence: out of scope, nothing shared, or a request no article covers.
          boolean decided = retrieval.reason() == Retrieval.Reason.OUT_OF_SCOPE
              || retrieval.reason() == Retrieval.Reason.NO_MATCH || retrieval.reason() == Retrieval.Reason.NOT_COVERED;
          boolean right = !c.outOfScope() && retrieval.hasMatches()
              && c.rightArticles().contains(retrieval.matches().get(0).article().id());
          outcomes.add(new Outcome(retrieval.signals(), right, decided));
        }
        results.addAll(calibrate(ranking, outcomes));
        if (ranking.askWeight() == RetrievalWeights.DEFAULT.askWeight()
            && ranking.storyCoverageWeight() == RetrievalWeights.DEFAULT.storyCoverageWeight()) {
          Result today = judge(RetrievalWeights.DEFAULT, outcomes);
          System.out.printf(Locale.ROOT, "today's weights: utility %.0f: right %d, wrong %d, handed off %d%n",
              today.utility(), today.right(), today.wrong(), today.handedOff());
        }
        long right = outcomes.stream().filter(Outcome::right).count();
        System.out.printf(Locale.ROOT, "ranking %s: %d right first%n", ranking, right);
      }
    }
    results.sort(Comparator.comparingDouble(Result::utility).reversed());
    System.out.println("best weights on the tuning part (" + tune.size() + " messages):");
    for (Result result : results.subList(0, Math.min(15, results.size()))) {
      System.out.printf(Locale.ROOT, "  utility %.0f: right %d, wrong %d, handed off %d  %s%n",
          result.utility(), result.right(), result.wrong(), result.handedOff(), result.weights());
    }
  }

  /** The tuning part's misranked questions with the top three articles and their scores. */
  @Test
  void showTheMisranked() throws IOException {
    KnowledgeBase knowledgeBase = KnowledgeBase.load();
    for (Case c : AnswerQualityTest.cases()) {
      if (!AnswerQualityTest.TUNED.contains(c.split()) || c.outOfScope()) {
        continue;
      }
      Retrieval retrieval = knowledgeBase.retrieve(c.question(), c.history());
      if (retrieval.hasMatches() && c.rightArticles().contains(retrieval.matches().get(0).article().id())) {
        continue;
      }
      System.out.println("misranked: " + c.question() + "  want " + c.rightArticles());
      for (Retrieval.Match match : retrieval.matches()) {
        System.out.printf(Locale.ROOT, "    %.3f %s%n", match.score(), match.article().id());
      }
    }
  }

  /** The parts tuned on: {@link AnswerQualityTest#TUNED}, the whole messages' tuning half and whole-2. */
  static List<Case> tuningCases() throws IOException {
    List<Case> tune = new ArrayList<>(AnswerQualityTest.cases().stream()
        .filter(c -> AnswerQualityTest.TUNED.contains(c.split())).toList());
    tune.addAll(AnswerQualityTest.cases(WholeMessagesTest.RESOURCE).stream()
        .filter(c -> c.split().equals("whole")).toList());
    tune.addAll(AnswerQualityTest.cases(WholeMessagesTest.SECOND));
    return tune;
  }

  /**
   * The whole messages' tuning half ({@code whole}; never {@code whole-held-out}): each message's
   * asking sentences, signals, confidence and first three articles.
   */
  @Test
  void showTheWholeMessages() throws IOException {
    KnowledgeBase knowledgeBase = KnowledgeBase.load();
    // -Dpart=whole-2 for the second tuning part; never a part that is not tuned on.
    String part = System.getProperty("part", "whole");
    List<Case> cases = new ArrayList<>(AnswerQualityTest.cases(WholeMessagesTest.RESOURCE));
    cases.addAll(AnswerQualityTest.cases(WholeMessagesTest.SECOND));
    for (Case c : cases) {
      if (!c.split().equals(part) || !List.of("whole", "whole-2").contains(part)) {
        continue;
      }
      Retrieval retrieval = knowledgeBase.retrieve(c.question(), c.history());
      String verdict = c.outOfScope() ? "OUT" : retrieval.hasMatches()
          && c.rightArticles().contains(retrieval.matches().get(0).article().id()) ? "RIGHT" : "WRONG";
      Retrieval.Signals s = retrieval.signals();
      System.out.printf(Locale.ROOT, "%s %.3f (best %.3f margin %.3f coverage %.3f) %s want %s%n  %s%n  asking: %s%n",
          verdict, retrieval.confidence(), s.bestScore(), s.margin(), s.coverage(), retrieval.reason(),
          c.rightArticles(), c.question(), Clauses.asking(c.question()));
      for (Retrieval.Match match : retrieval.matches()) {
        System.out.printf(Locale.ROOT, "    %.3f %s%n", match.score(), match.article().id());
      }
    }
  }

  /** Every tuned two-question message and follow-up: answered whole or not, and what was cited. */
  @Test
  void showTheTwoQuestionsAndFollowUps() throws IOException {
    List<Case> cases = new ArrayList<>(AnswerQualityTest.cases());
    cases.addAll(AnswerQualityTest.cases(WholeMessagesTest.RESOURCE));
    cases.addAll(AnswerQualityTest.cases(WholeMessagesTest.SECOND));
    for (Case c : cases) {
      boolean tuned = AnswerQualityTest.TUNED.contains(c.split()) || c.split().equals("whole") || c.split().equals("whole-2");
      if (!tuned || (c.parts().size() < 2 && c.history() == null)) {
        continue;
      }
      var answer = AnswerQualityTest.assistant.answer(c.asQuestion());
      System.out.printf(Locale.ROOT, "%s %s %.3f cited %s want %s%n  %s%s%n",
          WholeMessagesTest.answeredWhole(List.of(c)).startsWith("1") ? "WHOLE" : "PARTLY",
          answer.handoff() ? "handoff" : "answered", answer.confidence(),
          answer.sources().stream().map(source -> source.id()).toList(),
          c.parts().stream().map(AnswerQualityTest.Part::articles).toList(), c.question(),
          c.history() == null ? "" : "  (after: " + c.history() + ")");
    }
  }

  /** The tuning part's signals, to see what separates right from wrong. */
  @Test
  void dumpTheSignals() throws IOException {
    KnowledgeBase knowledgeBase = KnowledgeBase.load();
    for (Case c : AnswerQualityTest.cases()) {
      if (!AnswerQualityTest.TUNED.contains(c.split())) {
        continue;
      }
      Retrieval retrieval = knowledgeBase.retrieve(c.question(), c.history());
      String verdict = c.outOfScope() ? "OUT" : retrieval.hasMatches()
          && c.rightArticles().contains(retrieval.matches().get(0).article().id()) ? "RIGHT" : "WRONG";
      Retrieval.Signals s = retrieval.signals();
      System.out.printf(Locale.ROOT, "signal %s %.3f %.3f %.3f %.1f %s | %s%n", verdict, s.bestScore(), s.margin(),
          s.coverage(), s.lexicalAgreement(), retrieval.reason(), c.question());
    }
  }

  private static Result judge(RetrievalWeights weights, List<Outcome> outcomes) {
    int right = 0, wrong = 0, handedOff = 0;
    for (Outcome o : outcomes) {
      if (o.decided() || weights.confidence(o.signals()) < weights.handoffThreshold()) {
        handedOff++;
      } else if (o.right()) {
        right++;
      } else {
        wrong++;
      }
    }
    return new Result(weights, right, wrong, handedOff, right - WRONG_ANSWER_COST * wrong);
  }

  private static List<Result> calibrate(RetrievalWeights ranking, List<Outcome> outcomes) {
    List<Result> best = new ArrayList<>();
    for (double strong : new double[] {0.6, 0.7, 0.8, 0.9, 1.0}) {
      for (double margin : new double[] {0.03, 0.05, 0.08, 0.12, 0.16}) {
        for (int s = 0; s <= 10; s++) {
          for (int m = 0; m <= 10 - s; m++) {
           for (int a = 0; a <= 10 - s - m; a++) {
            double sw = s / 10.0, mw = m / 10.0, aw = a / 10.0, cw = (10 - s - m - a) / 10.0;
            for (int t = 20; t <= 80; t += 2) {
              best.add(judge(ranking.withConfidence(strong, margin, sw, mw, cw, aw, t / 100.0), outcomes));
            }
           }
          }
        }
      }
    }
    best.sort(Comparator.comparingDouble(Result::utility).reversed());
    return best.subList(0, 3);
  }
}
