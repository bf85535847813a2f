package com.commercive.support.assistant.providers;

import com.commercive.support.assistant.Answer;
import com.commercive.support.assistant.Assistant;
import com.commercive.support.assistant.Question;
import java.util.function.Supplier;

/**
 * An assistant built on first use. The API serves mostly ticket routes: building the knowledge
 * base's index at cold start would make every cold request pay for the few that ask the assistant.
 */
public final class LazyAssistant implements Assistant {
  private final Supplier<Assistant> factory;
  private volatile Assistant assistant;

  public LazyAssistant(Supplier<Assistant> factory) {
    this.factory = factory;
  }

  @Override
  public Answer answer(Question question) {
    return assistant().answer(question);
  }

  /** Builds the assistant now (what the first question would do) and warms it up. */
  @Override
  public void warmUp() {
    assistant().warmUp();
  }

  private Assistant assistant() {
    Assistant built = assistant;
    if (built == null) {
      synchronized (this) {
        built = assistant;
        if (built == null) {
          built = factory.get();
          assistant = built;
        }
      }
    }
    return built;
  }

  /** Whether the assistant has been built yet. */
  public boolean built() {
    return assistant != null;
  }
}
