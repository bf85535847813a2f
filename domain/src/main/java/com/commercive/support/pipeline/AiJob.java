package com.commercive.support.pipeline;

import java.util.Objects;

/** A merchant's message that may need an auto-reply; {@code eventId} is the stream record's. */
public record AiJob(String ticketId, String messageId, String eventId) implements Work {
  public AiJob {
    Objects.requireNonNull(ticketId, "ticketId");
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(eventId, "eventId");
  }
}
