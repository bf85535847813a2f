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
 * {@code waitingSince} is when it started waiting for an agent (null: it is not waiting).
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
    Instant waitingSince) {

  public Ticket {
    Objects.requireNonNull(ticketId, "ticketId");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(priority, "priority");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    Objects.requireNonNull(prioritySource, "prioritySource");
  }

  public static Ticket open(
      String ticketId, String userId, String subject, Priority priority, Instant now) {
    return new Ticket(
        ticketId, userId, subject, TicketStatus.OPEN, priority, now, now, 0, null, false, 0, 0, PrioritySource.USER,
        null, null, null);
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
  public TicketChange append(Message message, boolean close) {
    return new TicketChange(message, StatusRules.afterMessage(status, message.senderType(), close),
        message.createdAt(), message.senderType() == SenderType.ADMIN);
  }

  /**
   * The change that closing it with no message makes, by the support team.
   *
   * @throws ConflictException it is closed already
   */
  public TicketChange close(Instant at) {
    if (status == TicketStatus.CLOSED) {
      throw new ConflictException("the ticket is already closed");
    }
    return new TicketChange(null, TicketStatus.CLOSED, at, true);
  }

  /**
   * The change that an agent's edit makes, each part null when not asked for ({@code assignee}
   * empty: unassign); empty when it would change nothing. A priority set by an agent is the
   * agent's, even when it is the same level the system chose.
   */
  public Optional<TicketChange> edit(TicketStatus newStatus, Priority newPriority,
      Optional<Assignee> newAssignee, Instant at) {
    TicketStatus nextStatus = newStatus == null ? status : newStatus;
    boolean priorityChanges = newPriority != null
        && (newPriority != priority || prioritySource != PrioritySource.AGENT);
    boolean assigneeChanges = newAssignee != null && !Objects.equals(
        newAssignee.map(Assignee::agentId).orElse(null), assignee == null ? null : assignee.agentId());
    if (nextStatus == status && !priorityChanges && !assigneeChanges) {
      return Optional.empty();
    }
    return Optional.of(new TicketChange(null, nextStatus, at, false,
        new TicketChange.Edit(priorityChanges ? newPriority : null, assigneeChanges ? newAssignee : null)));
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
        reprioritised ? PrioritySource.AGENT : prioritySource,
        reprioritised ? null : priorityReason,
        nextAssignee,
        waiting);
  }
}
