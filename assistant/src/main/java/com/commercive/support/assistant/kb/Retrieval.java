package com.commercive.support.assistant.kb;

import com.commercive.support.assistant.Topic;
import java.util.List;

/**
 * What the knowledge base found for a question: the matching articles, best first, each with its
 * sections ordered by how well they match; the topic; a confidence in [0, 1]; whether the
 * question is one to hand off; and how many of the first matches each answer a part of the
 * message (2 for "payout pending, and how do I change my bank?", else 1).
 */
public record Retrieval(
    List<Match> matches, Topic topic, double confidence, boolean handoff, Reason reason, int parts,
    Signals signals) {

  /**
   * What the confidence was computed from: the best passage's score, its lead over the next
   * article, the share of the question's words the best article contains, and whether words
   * alone (BM25) rank the same article first (1), second (0.5) or lower (0).
   */
  public record Signals(double bestScore, double margin, double coverage, double lexicalAgreement) {
    public static final Signals NONE = new Signals(0, 0, 0, 0);
  }

  public Retrieval {
    matches = List.copyOf(matches);
    if (parts < 1 || (!matches.isEmpty() && parts > matches.size())) {
      throw new IllegalArgumentException("parts must be between 1 and the number of matches");
    }
  }

  public Retrieval(List<Match> matches, Topic topic, double confidence, boolean handoff, Reason reason) {
    this(matches, topic, confidence, handoff, reason, 1, Signals.NONE);
  }

  /** Why the retrieval came out as it did, for logs and tests (never shown to merchants). */
  public enum Reason {
    ANSWERED,
    LOW_CONFIDENCE,
    /** About running a store, but closer to a request no article covers than to any article. */
    NOT_COVERED,
    NO_MATCH,
    OUT_OF_SCOPE
  }

  /** An article, its score, and its sections ordered by how well they match (with their scores). */
  public record Match(Article article, double score, List<Article.Section> sections, List<Double> sectionScores) {
    public Match {
      sections = List.copyOf(sections);
      sectionScores = List.copyOf(sectionScores);
      if (sectionScores.size() != sections.size()) {
        throw new IllegalArgumentException("one score per section");
      }
    }
  }

  public boolean hasMatches() {
    return !matches.isEmpty();
  }

  /** The matches that answer the message, one per part it asks. */
  public List<Match> answering() {
    return matches.subList(0, Math.min(parts, matches.size()));
  }
}
