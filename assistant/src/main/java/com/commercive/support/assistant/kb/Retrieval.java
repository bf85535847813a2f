package com.commercive.support.assistant.kb;

import com.commercive.support.assistant.Topic;
import java.util.List;

/**
 * What the knowledge base found for a question: the matching articles, best first, each with its
 * best sections; the topic; a confidence in [0, 1]; and whether the question is one to hand off.
 */
public record Retrieval(
    List<Match> matches, Topic topic, double confidence, boolean handoff, Reason reason) {

  public Retrieval {
    matches = List.copyOf(matches);
  }

  /** Why the retrieval came out as it did, for logs and tests (never shown to merchants). */
  public enum Reason {
    ANSWERED,
    LOW_CONFIDENCE,
    NO_MATCH,
    OUT_OF_SCOPE
  }

  /** An article, its score, and its sections ordered by how well they match. */
  public record Match(Article article, double score, List<Article.Section> sections) {
    public Match {
      sections = List.copyOf(sections);
    }
  }

  public boolean hasMatches() {
    return !matches.isEmpty();
  }
}
