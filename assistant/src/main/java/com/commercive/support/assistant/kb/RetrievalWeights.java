package com.commercive.support.assistant.kb;

/**
 * The numbers that turn similarity scores into a ranking and a confidence, chosen on the tuning
 * part of the evaluation set (see docs/assistant.md) and checked on its held-out part.
 *
 * @param lexicalWeight how much a passage's squashed BM25 score adds to its cosine similarity
 * @param strongMatch a best-passage score at which the match counts as certain
 * @param clearMargin a lead over the next article's score that leaves no doubt
 * @param strengthWeight share of the confidence given by the best score
 * @param marginWeight share given by the lead over the next article
 * @param coverageWeight share given by the question's words found in the best article
 * @param agreementWeight share given by BM25 alone ranking the same article first
 * @param followUpOwnWeight in a follow-up, the weight of the question alone against the
 *     question read with the merchant's previous message
 * @param handoffThreshold below this confidence a person answers instead
 * @param notCoveredMargin a question whose meaning is closer, by more than this, to a request no
 *     article covers than to the best article's sections is handed off (infinite: never)
 * @param askWeight in a message that tells a story before it asks, the weight of its asking
 *     sentences' scores against the whole message's
 * @param storyCoverageWeight in the coverage of such a message, the weight of a story word the
 *     help centre uses against a word of the asking sentences (a story word it never uses counts
 *     for nothing: it says what happened, not what is asked)
 */
public record RetrievalWeights(
    double lexicalWeight,
    double strongMatch,
    double clearMargin,
    double strengthWeight,
    double marginWeight,
    double coverageWeight,
    double agreementWeight,
    double followUpOwnWeight,
    double handoffThreshold,
    double notCoveredMargin,
    double askWeight,
    double storyCoverageWeight) {

  public static final RetrievalWeights DEFAULT =
      new RetrievalWeights(0.15, 0.6, 0.12, 0.4, 0.2, 0.4, 0, 0.3, 0.6, 0.0, 0.5, 0.5);

  RetrievalWeights withRanking(double lexical, double followUp) {
    return new RetrievalWeights(lexical, strongMatch, clearMargin, strengthWeight, marginWeight,
        coverageWeight, agreementWeight, followUp, handoffThreshold, notCoveredMargin,
        askWeight, storyCoverageWeight);
  }

  RetrievalWeights withConfidence(
      double strong, double margin, double sw, double mw, double cw, double aw, double threshold) {
    return new RetrievalWeights(lexicalWeight, strong, margin, sw, mw, cw, aw, followUpOwnWeight,
        threshold, notCoveredMargin, askWeight, storyCoverageWeight);
  }

  RetrievalWeights withNotCoveredMargin(double margin) {
    return new RetrievalWeights(lexicalWeight, strongMatch, clearMargin, strengthWeight, marginWeight,
        coverageWeight, agreementWeight, followUpOwnWeight, handoffThreshold, margin, askWeight, storyCoverageWeight);
  }

  RetrievalWeights withHandoffThreshold(double threshold) {
    return new RetrievalWeights(lexicalWeight, strongMatch, clearMargin, strengthWeight, marginWeight,
        coverageWeight, agreementWeight, followUpOwnWeight, threshold, notCoveredMargin, askWeight, storyCoverageWeight);
  }

  RetrievalWeights withStory(double ask, double storyCoverage) {
    return new RetrievalWeights(lexicalWeight, strongMatch, clearMargin, strengthWeight, marginWeight,
        coverageWeight, agreementWeight, followUpOwnWeight, handoffThreshold, notCoveredMargin, ask, storyCoverage);
  }

  /** The confidence in [0, 1], rounded to three decimals so answers are reproducible. */
  double confidence(Retrieval.Signals signals) {
    double value = strengthWeight * Math.min(1, Math.max(0, signals.bestScore()) / strongMatch)
        + marginWeight * Math.min(1, signals.margin() / clearMargin)
        + coverageWeight * signals.coverage()
        + agreementWeight * signals.lexicalAgreement();
    return Math.round(Math.min(0.99, Math.max(0, value)) * 1000) / 1000.0;
  }
}
