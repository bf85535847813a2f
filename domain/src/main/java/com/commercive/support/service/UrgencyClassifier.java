package com.commercive.support.service;

/**
 * How likely a support lead would set a ticket's opening high, read as a whole (a model of the
 * meaning, where {@link PriorityDetection}'s rules read words): a probability from 0 to 1.
 */
@FunctionalInterface
public interface UrgencyClassifier {
  /** No model: nothing reads as urgent beyond the rules. */
  UrgencyClassifier NONE = (subject, message) -> 0;

  double probabilityHigh(String subject, String message);
}
