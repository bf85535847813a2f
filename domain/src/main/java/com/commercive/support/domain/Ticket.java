package com.commercive.support.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A support ticket. {@code messageCount} and {@code lastMessage} are denormalised so that a list
 * of tickets is one query; {@code humanReplied} and {@code aiReplies} tell the pipeline whether
 * support has answered and how many auto-replies the ticket has had. {@code version} counts the
 * writes to the ticket: every change is written on the condition that it is still the version
 * the change was derived from. {@code prioritySource} says who set the priority ({@code priorityReason},
 * when the system did, why); {@code assignee} is the agent who owns the ticket, or null;
 * {@code waitingSince} is when it started waiting for an agent (null: it is not waiting);
 * {@code sla} its service-level clocks; {@code resolvedBy} who resolved it, while it is closed;
 * {@code satisfaction} its owner's rating, once given.
 */
public record Ticket(
    String ticketId,
    String userId,
    String subject,
    TicketStatus status,
    Priority priority,
    Instant createdAt,
    Instant updatedAt,
    long messageCount,
    LastMessage lastMessage,
    boolean humanReplied,
    int aiReplies,
    long version,
    PrioritySource prioritySource,
    String priorityReason,
    Assignee assignee,
    Instant waitingSince,
    Sla sla,
    ResolvedBy resolvedBy,
    Satisfaction satisfaction) {

  public Ticket {
    Objects.requireNonNull(ticketId, "ticketId");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(priority, "priority");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    Objects.requireNonNull(prioritySource, "prioritySource");
    Objects.requireNonNull(sla, "sla");
  }

  /** A new ticket, its clocks started on the default service levels. */
  public static Ticket open(
      String ticketId, String userId, String subject, Priority priority, Instant now) {
    return open(ticketId, userId, subject, priority, now, ServiceLevels.DEFAULT);
  }

  /** A new ticket, its clocks started on {@code levels}. */
  public static Ticket open(
      String ticketId, String userId, String subject, Priority priority, Instant now, ServiceLevels levels) {
    return new Ticket(
        ticketId, userId, subject, TicketStatus.OPEN, priority, now, now, 0, null, false, 0, 0, PrioritySource.USER,
        null, null, null, levels.opened(priority, now), null, null);
  }

  /** This new ticket at a priority the system raised it to, and why. */
  public Ticket raisedTo(Priority raised, String reason, ServiceLevels levels) {
    return new Ticket(ticketId, userId, subject, status, raised, createdAt, updatedAt, messageCount, lastMessage,
        humanReplied, aiReplies, version, PrioritySource.AUTO, reason, assignee, waitingSince,
        levels.opened(raised, createdAt), resolvedBy, satisfaction);
  }

  /**
   * When a change made {@code now} happens to this ticket: now, or just after its last change when
   * this machine's clock is behind the one that wrote it, so a ticket's messages and updates never
   * go back in time.
   */
  public Instant changeAt(Instant now) {
    return now.isAfter(updatedAt) ? now : updatedAt.plusMillis(1);
  }

  /** Whether this ticket counts against its assignee's capacity: assigned and not closed. */
  public boolean holdsAnAgent() {
    return assignee != null && status != TicketStatus.CLOSED;
  }

  /**
   * The change that appending {@code message} makes (its time is the change's): the status follows
   * the status rules, a reply of the support team counts as a person having replied, and
   * {@code close} (the team's) closes the ticket with it.
   */
  public TicketChange append(Message message, boolean close, ServiceLevels levels) {
    TicketStatus next = StatusRules.afterMessage(status, message.senderType(), close);
    return new TicketChange(message, next, message.createdAt(), message.senderType() == SenderType.ADMIN, null,
        levels.after(this, next, priority, message, message.createdAt()), null);
  }

  /**
   * The change that closing it with no message makes, by the support team.
   *
   * @throws ConflictException it is closed already
   */
  public TicketChange close(Instant at, ServiceLevels levels) {
    if (status == TicketStatus.CLOSED) {
      throw new ConflictException("the ticket is already closed");
    }
    return new TicketChange(null, TicketStatus.CLOSED, at, true, null,
        levels.after(this, TicketStatus.CLOSED, priority, null, at), null);
  }

  /**
   * The change that the sweep's auto-close makes: closed, by nobody; empty when it is not due
   * at {@code now} (a message or a close came first).
   */
  public Optional<TicketChange> autoClose(Instant now, ServiceLevels levels) {
    if (!sla.autoCloseDue(status, now)) {
      return Optional.empty();
    }
    Instant at = changeAt(now);
    return Optional.of(new TicketChange(null, TicketStatus.CLOSED, at, false, null,
        levels.after(this, TicketStatus.CLOSED, priority, null, at), null));
  }

  /**
   * The change that marks the clocks past due at {@code now} as breached (the ticket's update
   * time stays: nobody wrote); empty when none is newly past due.
   */
  public Optional<TicketChange> markBreaches(Instant now) {
    var breaches = sla.newBreaches(status, now);
    if (breaches.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new TicketChange(null, status, updatedAt, false, null, sla.breaching(breaches), null));
  }

  /**
   * The change that its owner's rating makes.
   *
   * @throws ConflictException it is not closed, or was rated already
   */
  public TicketChange rate(int rating, String comment, Instant at) {
    if (status != TicketStatus.CLOSED) {
      throw new ConflictException("only a closed ticket can be rated");
    }
    if (satisfaction != null) {
      throw new ConflictException("this ticket was rated already");
    }
    return new TicketChange(null, status, at, false, null, null, new Satisfaction(rating, comment, at));
  }

  /**
   * The change that an agent's edit makes, each part null when not asked for ({@code assignee}
   * empty: unassign); empty when it would change nothing. A priority set by an agent is the
   * agent's, even when it is the same level the system chose.
   */
  public Optional<TicketChange> edit(TicketStatus newStatus, Priority newPriority,
      Optional<Assignee> newAssignee, Instant at, ServiceLevels levels) {
    TicketStatus nextStatus = newStatus == null ? status : newStatus;
    boolean priorityChanges = newPriority != null
        && (newPriority != priority || prioritySource != PrioritySource.AGENT);
    boolean assigneeChanges = newAssignee != null && !Objects.equals(
        newAssignee.map(Assignee::agentId).orElse(null), assignee == null ? null : assignee.agentId());
    if (nextStatus == status && !priorityChanges && !assigneeChanges) {
      return Optional.empty();
    }
    return Optional.of(new TicketChange(null, nextStatus, at, false,
        new TicketChange.Edit(priorityChanges ? newPriority : null, assigneeChanges ? newAssignee : null),
        levels.after(this, nextStatus, newPriority == null ? priority : newPriority, null, at), null));
  }

  /**
   * The change that raises it to {@code raised} for {@code reason}, as the system's choice, with its
   * clocks recomputed for the new priority (its update time stays: nobody wrote); empty when an agent
   * set the priority (theirs always wins), it is at {@code raised} or above already, or it is closed.
   */
  public Optional<TicketChange> raise(Priority raised, String reason, Instant at, ServiceLevels levels) {
    if (prioritySource == PrioritySource.AGENT || raised.compareTo(priority) <= 0 || status == TicketStatus.CLOSED) {
      return Optional.empty();
    }
    return Optional.of(new TicketChange(null, status, updatedAt, false, TicketChange.Edit.raised(raised, reason),
        levels.after(this, status, raised, null, at), null));
  }

  /** The change that makes it wait for an agent; empty when it has one, is closed or waits already. */
  public Optional<TicketChange> waitForAgent(Instant at) {
    if (assignee != null || status == TicketStatus.CLOSED || waitingSince != null) {
      return Optional.empty();
    }
    return Optional.of(new TicketChange(null, status, at, false, TicketChange.Edit.waitForAgent()));
  }

  /** The change that gives it, while it waits, to {@code agent}; empty when it no longer waits. */
  public Optional<TicketChange> assignWaiting(Assignee agent, Instant at) {
    if (waitingSince == null || assignee != null || status == TicketStatus.CLOSED) {
      return Optional.empty();
    }
    return Optional.of(new TicketChange(null, status, at, false,
        new TicketChange.Edit(null, Optional.of(agent))));
  }

  /** This ticket as it is once {@code change} has been applied on top of it (one version on). */
  public Ticket with(TicketChange change) {
    TicketChange.Edit edit = change.edit();
    boolean reprioritised = edit != null && edit.priority() != null;
    Assignee nextAssignee = edit != null && edit.assignee() != null ? edit.assignee().orElse(null) : assignee;
    // A ticket waits for an agent from when it is asked to until it has one or is closed.
    Instant waiting = edit != null && Boolean.TRUE.equals(edit.waiting()) && waitingSince == null
        ? change.updatedAt() : waitingSince;
    if (nextAssignee != null || change.newStatus() == TicketStatus.CLOSED) {
      waiting = null;
    }
    Sla nextSla = change.sla() == null ? sla : change.sla();
    return new Ticket(
        ticketId,
        userId,
        subject,
        change.newStatus(),
        reprioritised ? edit.priority() : priority,
        createdAt,
        change.updatedAt(),
        messageCount + (change.message() == null ? 0 : 1),
        change.message() == null ? lastMessage : LastMessage.of(change.message()),
        humanReplied || change.humanReplied(),
        aiReplies + (change.message() != null && change.message().aiResponse() ? 1 : 0),
        version + 1,
        reprioritised ? (edit.raisedBecause() == null ? PrioritySource.AGENT : PrioritySource.AUTO) : prioritySource,
        reprioritised ? edit.raisedBecause() : priorityReason,
        nextAssignee,
        waiting,
        nextSla,
        resolvedBy(change.newStatus(), nextSla),
        change.satisfaction() == null ? satisfaction : change.satisfaction());
  }

  /**
   * Who resolved it once it is in {@code next}: set when it closes (the assistant when no agent
   * ever replied in public), kept while closed, cleared when it reopens.
   */
  private ResolvedBy resolvedBy(TicketStatus next, Sla nextSla) {
    if (next != TicketStatus.CLOSED) {
      return null;
    }
    if (status == TicketStatus.CLOSED) {
      return resolvedBy;
    }
    // A ticket from before service levels has no record of a first reply: a person's reply is.
    boolean agentReplied = nextSla.resolutionStartedAt() == null ? humanReplied : nextSla.firstRespondedAt() != null;
    return agentReplied ? ResolvedBy.AGENT : ResolvedBy.AI;
  }
}
