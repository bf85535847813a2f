package com.commercive.support.pipeline;

import java.util.Objects;

/**
 * An email to send about a ticket. {@code id} is derived from what caused it (the stream record,
 * or the AI message), so a redelivery carries the same id and is sent once. {@code agentId} names
 * the agent an assignment email is for (null for the other kinds).
 */
public record Notification(String id, Kind kind, String ticketId, String messageId, String agentId) implements Work {
  public Notification {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(ticketId, "ticketId");
    if ((kind == Kind.ASSIGNED) != (agentId != null)) {
      throw new IllegalArgumentException("an assignment email, and only one, names its agent");
    }
  }

  public Notification(String id, Kind kind, String ticketId, String messageId) {
    this(id, kind, ticketId, messageId, null);
  }

  public enum Kind {
    /** A ticket was opened without a message: tell the support team. */
    NEW_TICKET(Audience.ADMINS),
    /** The merchant wrote: tell the support team. */
    CUSTOMER_MESSAGE(Audience.ADMINS),
    /** Support (a person or the assistant) replied: tell the ticket's owner. */
    REPLY(Audience.OWNER),
    /** The ticket was closed: tell its owner. */
    TICKET_CLOSED(Audience.OWNER),
    /** The assistant could not answer: tell the support team a person is needed. */
    HANDOFF(Audience.ADMINS),
    /** The ticket was assigned to an agent: tell that agent. */
    ASSIGNED(Audience.AGENT);

    private final Audience audience;

    Kind(Audience audience) {
      this.audience = audience;
    }

    public Audience audience() {
      return audience;
    }
  }

  public enum Audience {
    OWNER,
    ADMINS,
    AGENT
  }
}
