package com.commercive.support.assistant;

/**
 * Answers merchants' support questions. Implementations never throw for a provider's failure:
 * they fall back to a grounded answer or a handoff.
 */
public interface Assistant {
  /** A question a warm-up asks: one every assistant has an article for. */
  String WARM_UP_QUESTION = "How do I connect my Shopify store to Commercive?";

  Answer answer(Question question);

  /**
   * Loads and initialises what answering needs (index, analysers, search) without calling any
   * paid or remote service, so a SnapStart snapshot taken afterwards answers its first question
   * warm. The default answers {@link #WARM_UP_QUESTION}, which suits assistants that call nothing.
   */
  default void warmUp() {
    answer(new Question(WARM_UP_QUESTION, null, java.util.List.of()));
  }
}
