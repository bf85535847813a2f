package com.commercive.support.assistant;

/**
 * Answers merchants' support questions. Implementations never throw for a provider's failure:
 * they fall back to a grounded answer or a handoff.
 */
public interface Assistant {
  Answer answer(Question question);
}
