package com.commercive.support.assistant.kb;

import java.util.Map;

/**
 * Corrects typos against the knowledge base's own vocabulary: a word it does not know is replaced
 * by the most frequent known word within one edit (two for long words), first letter kept.
 */
final class SpellingCorrector {
  private final Map<String, Integer> frequencies;

  SpellingCorrector(Map<String, Integer> frequencies) {
    this.frequencies = Map.copyOf(frequencies);
  }

  String correct(String word) {
    if (word.length() < 4 || frequencies.containsKey(word) || !word.chars().allMatch(Character::isLetter)) {
      return word;
    }
    int maxEdits = word.length() >= 8 ? 2 : 1;
    String best = word;
    int bestDistance = Integer.MAX_VALUE;
    int bestFrequency = -1;
    for (Map.Entry<String, Integer> entry : frequencies.entrySet()) {
      String candidate = entry.getKey();
      if (candidate.charAt(0) != word.charAt(0)
          || Math.abs(candidate.length() - word.length()) > maxEdits) {
        continue;
      }
      int distance = distance(word, candidate, maxEdits);
      if (distance > maxEdits) {
        continue;
      }
      int frequency = entry.getValue();
      boolean better =
          distance < bestDistance
              || (distance == bestDistance && frequency > bestFrequency)
              || (distance == bestDistance && frequency == bestFrequency && candidate.compareTo(best) < 0);
      if (better) {
        best = candidate;
        bestDistance = distance;
        bestFrequency = frequency;
      }
    }
    return best;
  }

  /** Optimal string alignment distance (edits, with adjacent transpositions), capped above. */
  static int distance(String a, String b, int cap) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      int rowMin = Integer.MAX_VALUE;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int value = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          value = Math.min(value, d[i - 2][j - 2] + 1);
        }
        d[i][j] = value;
        rowMin = Math.min(rowMin, value);
      }
      if (rowMin > cap) {
        return cap + 1;
      }
    }
    return d[a.length()][b.length()];
  }
}
