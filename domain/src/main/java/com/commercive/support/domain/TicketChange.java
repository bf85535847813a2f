package com.commercive.support.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * What a write changes on a ticket: the optional new message, the resulting status, the new
 * {@code updated_at}, whether a person replied, an agent's edit of the ticket's own fields
 * (null when none), the service-level clocks after it (null: unchanged) and the owner's rating
 * (null: unchanged). Derived from the ticket as stored and applied atomically with the message
 * write (see {@code TicketRepository.update}).
 */
public record TicketChange(
    Message message, TicketStatus newStatus, Instant updatedAt, boolean humanReplied, Edit edit, Sla sla,
    Satisfaction satisfaction) {

  /** A change that writes a message or a status, and edits nothing else. */
  public TicketChange(Message message, TicketStatus newStatus, Instant updatedAt, boolean humanReplied) {
    this(message, newStatus, updatedAt, humanReplied, null, null, null);
  }

  /** A change that writes a message or a status and edits the ticket's own fields. */
  public TicketChange(Message message, TicketStatus newStatus, Instant updatedAt, boolean humanReplied, Edit edit) {
    this(message, newStatus, updatedAt, humanReplied, edit, null, null);
  }

  /**
   * This change with the ticket put back to wait for an agent, unassigned: what a merchant's
   * message that reopens a ticket onto a full agent does instead.
   */
  public TicketChange backToWaiting() {
    return new TicketChange(message, newStatus, updatedAt, humanReplied, new Edit(null, Optional.empty(), true), sla,
        satisfaction);
  }

  /**
   * An edit of the ticket's own fields: a priority to set (null: unchanged), which then counts
   * as the agent's unless {@code raisedBecause} says why the system raised it; the assignee (null:
   * unchanged; empty: unassigned); and whether the ticket now waits for an agent (true; null:
   * unchanged). Being assigned or closed ends the wait.
   */
  public record Edit(Priority priority, Optional<Assignee> assignee, Boolean waiting, String raisedBecause) {
    public Edit(Priority priority, Optional<Assignee> assignee, Boolean waiting) {
      this(priority, assignee, waiting, null);
    }

    public Edit(Priority priority) {
      this(priority, null, null);
    }

    public Edit(Priority priority, Optional<Assignee> assignee) {
      this(priority, assignee, null);
    }

    /** The ticket needs a person: it waits for an agent. */
    public static Edit waitForAgent() {
      return new Edit(null, null, true);
    }

    /** The system raises the priority, for {@code reason} (what the agent reads). */
    public static Edit raised(Priority priority, String reason) {
      return new Edit(priority, null, null, java.util.Objects.requireNonNull(reason, "reason"));
    }
  }
}
