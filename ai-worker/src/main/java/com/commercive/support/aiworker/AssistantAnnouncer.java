package com.commercive.support.aiworker;

import com.commercive.support.domain.Message;

/**
 * What the AI worker tells live listeners itself, without waiting for a stream: that the assistant
 * started on a ticket's question ({@code assistant.typing}) and, once stored, its reply ({@code
 * message.created}; the stream pusher leaves the assistant's messages to it, a stream poll sooner).
 */
public interface AssistantAnnouncer {
  /** Announces nothing: live updates are not set up. */
  AssistantAnnouncer NONE = new AssistantAnnouncer() {
    @Override
    public void startedAnswering(String ticketId) {
      // Nobody to tell.
    }

    @Override
    public void replied(Message reply) {
      // Nobody to tell.
    }
  };

  void startedAnswering(String ticketId);

  void replied(Message reply);
}
