package com.commercive.support.pipeline;

import com.commercive.support.domain.SlaMetric;
import java.util.Objects;

/**
 * An email to send about a ticket. {@code id} is derived from what caused it (the stream record,
 * or the AI message), so a redelivery carries the same id and is sent once. {@code agentId} names
 * the agent an assignment email is for, or the assignee of a late ticket (null for the other
 * kinds, and for a late ticket nobody holds: the team is told); {@code breach} the clock that is
 * late (only for {@link Kind#SLA_BREACH}).
 */
public record Notification(String id, Kind kind, String ticketId, String messageId, String agentId, SlaMetric breach)
    implements Work {
  public Notification {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(ticketId, "ticketId");
    if (kind == Kind.ASSIGNED && agentId == null || kind != Kind.ASSIGNED && kind != Kind.SLA_BREACH && agentId != null) {
      throw new IllegalArgumentException("an assignment email names its agent, and only it and a breach's do");
    }
    if ((kind == Kind.SLA_BREACH) != (breach != null)) {
      throw new IllegalArgumentException("a breach email, and only one, names its clock");
    }
  }

  public Notification(String id, Kind kind, String ticketId, String messageId) {
    this(id, kind, ticketId, messageId, null, null);
  }

  public Notification(String id, Kind kind, String ticketId, String messageId, String agentId) {
    this(id, kind, ticketId, messageId, agentId, null);
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
    ASSIGNED(Audience.AGENT),
    /** A service-level clock ran late: tell the assignee, or the team when nobody holds the ticket. */
    SLA_BREACH(Audience.ASSIGNEE_OR_ADMINS);

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
    AGENT,
    ASSIGNEE_OR_ADMINS
  }
}
