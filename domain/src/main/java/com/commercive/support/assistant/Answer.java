package com.commercive.support.assistant;

import java.util.List;
import java.util.Objects;

/**
 * The assistant's reply. {@code handoff} means it is not confident (or the question is not one
 * it should answer) and a person from the support team should; {@code confidence} is in [0, 1].
 */
public record Answer(
    String text, Topic topic, double confidence, List<Source> sources, boolean handoff) {
  public Answer {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(topic, "topic");
    if (confidence < 0 || confidence > 1 || Double.isNaN(confidence)) {
      throw new IllegalArgumentException("confidence must be within [0, 1]");
    }
    sources = List.copyOf(sources);
  }
}
