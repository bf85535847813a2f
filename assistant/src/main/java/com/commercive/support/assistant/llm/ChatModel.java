package com.commercive.support.assistant.llm;

import java.util.List;

/** A large language model behind a chat API. */
public interface ChatModel {
  /**
   * The model's reply to {@code messages} (alternating, starting and ending with the user)
   * under the {@code system} instructions.
   *
   * @throws ChatModelException when the provider fails, after its bounded retries
   */
  String complete(String system, List<ChatMessage> messages);

  /** A provider's name for logs. */
  String name();

  record ChatMessage(Role role, String text) {
    public enum Role {
      USER,
      ASSISTANT
    }
  }

  /** The provider could not give an answer (timeouts, throttling, errors, an empty reply). */
  final class ChatModelException extends RuntimeException {
    private final boolean retryable;

    public ChatModelException(String message, boolean retryable, Throwable cause) {
      super(message, cause);
      this.retryable = retryable;
    }

    public boolean retryable() {
      return retryable;
    }
  }
}
