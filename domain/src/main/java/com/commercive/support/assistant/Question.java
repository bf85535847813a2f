package com.commercive.support.assistant;

import java.util.List;
import java.util.Objects;

/**
 * What the assistant is asked: the question, and when it comes from a ticket, the ticket's
 * subject and its recent history (oldest first, without the question itself).
 */
public record Question(String text, String ticketSubject, List<Turn> history) {
  public Question {
    Objects.requireNonNull(text, "text");
    history = history == null ? List.of() : List.copyOf(history);
  }

  public static Question of(String text) {
    return new Question(text, null, List.of());
  }
}
