package com.commercive.support.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One message in a ticket's thread, from the merchant, a support agent or the assistant. For the
 * assistant's messages, {@code handoff} says it passed the ticket to a person (the team is told),
 * and {@code shownInApp} that the merchant received it as the answer to their request in the app
 * (so it is not emailed to them too). {@code closesTicket} marks a team member's reply that also
 * closed the ticket: the owner gets one email saying both.
 */
public record Message(
    String messageId,
    String ticketId,
    String senderId,
    SenderType senderType,
    String text,
    String attachmentUrl,
    Instant createdAt,
    boolean handoff,
    boolean shownInApp,
    boolean closesTicket) {

  public Message(String messageId, String ticketId, String senderId, SenderType senderType, String text,
      String attachmentUrl, Instant createdAt) {
    this(messageId, ticketId, senderId, senderType, text, attachmentUrl, createdAt, false, false, false);
  }

  /** An assistant's message, with how it was delivered. */
  public Message(String messageId, String ticketId, String senderId, SenderType senderType, String text,
      String attachmentUrl, Instant createdAt, boolean handoff, boolean shownInApp) {
    this(messageId, ticketId, senderId, senderType, text, attachmentUrl, createdAt, handoff, shownInApp, false);
  }

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
