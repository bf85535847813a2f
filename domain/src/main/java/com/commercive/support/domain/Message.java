package com.commercive.support.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One message in a ticket's thread, from the merchant, a support agent or the assistant. For the
 * assistant's messages, {@code handoff} says it passed the ticket to a person (the team is told),
 * and {@code shownInApp} that the merchant received it as the answer to their request in the app
 * (so it is not emailed to them too). {@code closesTicket} marks a team member's reply that also
 * closed the ticket: the owner gets one email saying both. {@code internal} marks a note of the
 * support team: its owner never sees it, nor does anything that speaks to the owner.
 * {@code attachments} are the checked files sent with it (empty when none).
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
    boolean closesTicket,
    boolean internal,
    List<AttachedFile> attachments) {

  public Message(String messageId, String ticketId, String senderId, SenderType senderType, String text,
      String attachmentUrl, Instant createdAt, boolean handoff, boolean shownInApp, boolean closesTicket,
      boolean internal) {
    this(messageId, ticketId, senderId, senderType, text, attachmentUrl, createdAt, handoff, shownInApp, closesTicket,
        internal, List.of());
  }

  public Message(String messageId, String ticketId, String senderId, SenderType senderType, String text,
      String attachmentUrl, Instant createdAt) {
    this(messageId, ticketId, senderId, senderType, text, attachmentUrl, createdAt, false, false, false);
  }

  /** A public message: one the ticket's owner reads. */
  public Message(String messageId, String ticketId, String senderId, SenderType senderType, String text,
      String attachmentUrl, Instant createdAt, boolean handoff, boolean shownInApp, boolean closesTicket) {
    this(messageId, ticketId, senderId, senderType, text, attachmentUrl, createdAt, handoff, shownInApp, closesTicket,
        false);
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
    attachments = List.copyOf(attachments);
    if (internal && senderType != SenderType.ADMIN) {
      throw new IllegalArgumentException("only the support team writes internal notes");
    }
  }

  /** A note of the support team, never shown to the ticket's owner. */
  public static Message note(String messageId, String ticketId, String adminId, String text, String attachmentUrl,
      Instant createdAt) {
    return new Message(messageId, ticketId, adminId, SenderType.ADMIN, text, attachmentUrl, createdAt, false, false,
        false, true);
  }

  /** The same message with these files. */
  public Message withAttachments(List<AttachedFile> files) {
    return new Message(messageId, ticketId, senderId, senderType, text, attachmentUrl, createdAt, handoff, shownInApp,
        closesTicket, internal, files);
  }

  /**
   * The text followed by one line per file, {@code [attachment: name]}: what previews, emails and
   * the assistant read (never a link to the file).
   */
  public String textWithFileNames() {
    StringBuilder text = new StringBuilder(this.text);
    for (AttachedFile file : attachments) {
      if (!text.isEmpty()) {
        text.append('\n');
      }
      text.append("[attachment: ").append(file.filename()).append(']');
    }
    return text.toString();
  }

  public boolean aiResponse() {
    return senderType == SenderType.AI;
  }
}
