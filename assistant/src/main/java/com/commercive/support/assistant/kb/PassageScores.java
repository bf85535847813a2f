package com.commercive.support.assistant.kb;

/**
 * Each passage's score (to rank articles), each section's own score (to pick within one), and
 * each passage's BM25 score alone (whether the words agree with the meaning is a sign of trust),
 * its meaning alone (cosine), and the closest request no article covers; for one text, or blended
 * from two (a story and its asking sentences, a follow-up and the message before it).
 */
record PassageScores(double[] passages, double[] sections, double[] lexical, double[] meaning, double notCovered) {
  /** These scores and {@code other}'s, {@code share} of each from {@code other}; words shared by either count. */
  PassageScores blend(PassageScores other, double share) {
    return new PassageScores(mix(passages, other.passages, share), mix(sections, other.sections, share),
        max(lexical, other.lexical), mix(meaning, other.meaning, share),
        (1 - share) * notCovered + share * other.notCovered);
  }

  private static double[] mix(double[] a, double[] b, double share) {
    double[] mixed = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      mixed[i] = (1 - share) * a[i] + share * b[i];
    }
    return mixed;
  }

  private static double[] max(double[] a, double[] b) {
    double[] most = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      most[i] = Math.max(a[i], b[i]);
    }
    return most;
  }
}
