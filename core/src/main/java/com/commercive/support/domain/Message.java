package com.commercive.support.domain;

import java.time.Instant;
import java.util.Objects;

/** One message in a ticket's thread, from the merchant, a support agent or the assistant. */
public record Message(
    String messageId,
    String ticketId,
    String senderId,
    SenderType senderType,
    String text,
    String attachmentUrl,
    Instant createdAt) {

  public Message {
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(ticketId, "ticketId");
    Objects.requireNonNull(senderId, "senderId");
    Objects.requireNonNull(senderType, "senderType");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  public boolean aiResponse() {
    return senderType == SenderType.AI;
  }
}
