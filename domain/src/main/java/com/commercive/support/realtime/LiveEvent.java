package com.commercive.support.realtime;

import com.commercive.support.domain.Attachment;
import com.commercive.support.domain.Ticket;
import com.commercive.support.service.ReadTickets.MessageView;
import java.time.Instant;

/**
 * What a connection receives, each with a unique {@code eventId} and when it happened. Replies to
 * a client's frame ({@link Subscribed}, {@link Unsubscribed}, {@link Pong}, {@link Refused}) go to
 * that connection only; the others go to the connections allowed to read the ticket.
 */
public sealed interface LiveEvent {
  String eventId();

  Instant occurredAt();

  /** The contract's {@code type}. */
  String type();

  /** This event as the support team receives it (what only the team sees added); most are the same. */
  default LiveEvent forTeam() {
    return this;
  }

  record Subscribed(String eventId, Instant occurredAt, Topic topic) implements LiveEvent {
    @Override
    public String type() {
      return "subscribed";
    }
  }

  record Unsubscribed(String eventId, Instant occurredAt, Topic topic) implements LiveEvent {
    @Override
    public String type() {
      return "unsubscribed";
    }
  }

  record Pong(String eventId, Instant occurredAt) implements LiveEvent {
    @Override
    public String type() {
      return "pong";
    }
  }

  /** A refused or malformed frame: the connection stays open. */
  record Refused(String eventId, Instant occurredAt, Code code, String detail) implements LiveEvent {
    public enum Code {
      FORBIDDEN("forbidden"),
      NOT_FOUND("not_found"),
      BAD_REQUEST("bad_request");

      private final String wireName;

      Code(String wireName) {
        this.wireName = wireName;
      }

      public String wireName() {
        return wireName;
      }
    }

    @Override
    public String type() {
      return "error";
    }
  }

  record MessageCreated(String eventId, Instant occurredAt, String ticketId, MessageView message) implements LiveEvent {
    @Override
    public String type() {
      return "message.created";
    }
  }

  /** A ticket's new state; {@code teamView}: as the support team sees it (with its service levels). */
  record TicketUpdated(String eventId, Instant occurredAt, Ticket ticket, boolean teamView) implements LiveEvent {
    @Override
    public String type() {
      return "ticket.updated";
    }

    @Override
    public LiveEvent forTeam() {
      return new TicketUpdated(eventId, occurredAt, ticket, true);
    }
  }

  record AssistantTyping(String eventId, Instant occurredAt, String ticketId) implements LiveEvent {
    @Override
    public String type() {
      return "assistant.typing";
    }
  }

  record AttachmentUpdated(String eventId, Instant occurredAt, String ticketId, Attachment attachment)
      implements LiveEvent {
    @Override
    public String type() {
      return "attachment.updated";
    }
  }
}
