package com.commercive.support.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The service-level targets per priority and how a ticket's clocks run on them:
 * <ul>
 *   <li><b>first response</b>: from creation until an agent's first public message (never the
 *       assistant's, never a note);
 *   <li><b>next response</b>: once the team has replied, from each merchant message that leaves
 *       the ticket waiting on the team ({@code open}) until an agent's public reply; {@code pending}
 *       stops it, and the next merchant message (or an agent reopening) starts a new cycle, which
 *       may breach again;
 *   <li><b>resolution</b>: from creation, or from reopening a closed ticket, until it closes;
 *   <li><b>auto-close</b>: a ticket waiting on the merchant ({@code pending}), or answered only by
 *       the assistant, with no merchant message for {@code autoCloseAfter}.
 * </ul>
 * A priority change recomputes every running clock's due time from when it started. A breach,
 * once marked, is kept for that clock's cycle; a clock fulfilled after its due time is marked
 * breached then, whether or not a sweep saw it running late.
 */
public record ServiceLevels(Map<Priority, Duration> firstResponse, Map<Priority, Duration> resolution,
    Duration autoCloseAfter) {

  public static final ServiceLevels DEFAULT = new ServiceLevels(
      Map.of(Priority.HIGH, Duration.ofMinutes(60), Priority.MEDIUM, Duration.ofMinutes(240),
          Priority.LOW, Duration.ofMinutes(1440)),
      Map.of(Priority.HIGH, Duration.ofHours(24), Priority.MEDIUM, Duration.ofHours(72),
          Priority.LOW, Duration.ofHours(168)),
      Duration.ofDays(7));

  public ServiceLevels {
    firstResponse = complete(firstResponse, "first response");
    resolution = complete(resolution, "resolution");
    Objects.requireNonNull(autoCloseAfter, "autoCloseAfter");
    if (autoCloseAfter.isNegative() || autoCloseAfter.isZero()) {
      throw new IllegalArgumentException("the auto-close delay must be positive");
    }
  }

  private static Map<Priority, Duration> complete(Map<Priority, Duration> targets, String what) {
    Map<Priority, Duration> copy = new EnumMap<>(Priority.class);
    for (Priority priority : Priority.values()) {
      Duration target = targets.get(priority);
      if (target == null || target.isNegative() || target.isZero()) {
        throw new IllegalArgumentException("a positive " + what + " target for " + priority.wireName() + " is needed");
      }
      copy.put(priority, target);
    }
    return Map.copyOf(copy);
  }

  /** The clocks of a ticket opened at {@code at}. */
  public Sla opened(Priority priority, Instant at) {
    return new Sla(at.plus(firstResponse.get(priority)), null, null, null, at, at.plus(resolution.get(priority)),
        Set.of(), null);
  }

  /**
   * The clocks once a change made at {@code at} leaves {@code before} in {@code status} at
   * {@code priority}, with {@code message} (null when none) the public message it posted.
   */
  public Sla after(Ticket before, TicketStatus status, Priority priority, Message message, Instant at) {
    Sla clocks = before.sla();
    if (clocks.resolutionStartedAt() == null) {
      return clocks; // A ticket from before service levels: no clock was ever started on it.
    }
    boolean agentReplied = message != null && message.senderType() == SenderType.ADMIN && !message.internal();
    boolean reopened = before.status() == TicketStatus.CLOSED && status != TicketStatus.CLOSED;
    Set<SlaMetric> breached = EnumSet.noneOf(SlaMetric.class);
    breached.addAll(clocks.breached());

    Instant respondedAt = clocks.firstRespondedAt() == null && agentReplied ? at : clocks.firstRespondedAt();
    Instant firstDue = before.createdAt().plus(firstResponse.get(priority));
    // A clock fulfilled late breached, whether or not a sweep saw it running past due.
    if (agentReplied && clocks.runs(SlaMetric.FIRST_RESPONSE, before.status()) && at.isAfter(clocks.firstResponseDueAt())) {
      breached.add(SlaMetric.FIRST_RESPONSE);
    }
    if (agentReplied && clocks.runs(SlaMetric.NEXT_RESPONSE, before.status()) && at.isAfter(clocks.nextResponseDueAt())) {
      breached.add(SlaMetric.NEXT_RESPONSE);
    }
    if (status == TicketStatus.CLOSED && clocks.runs(SlaMetric.RESOLUTION, before.status())
        && at.isAfter(clocks.resolutionDueAt())) {
      breached.add(SlaMetric.RESOLUTION);
    }

    Instant resolutionStart = reopened ? at : clocks.resolutionStartedAt();
    if (reopened) {
      breached.remove(SlaMetric.RESOLUTION);
    }
    Instant resolutionDue = resolutionStart.plus(resolution.get(priority));

    // The next reply's clock runs only while the ticket waits on a team that has replied before;
    // it starts when the ticket comes back to the team, and keeps running over further messages.
    Instant nextStart = null;
    if (status == TicketStatus.OPEN && respondedAt != null && !agentReplied) {
      boolean running = clocks.nextResponseStartedAt() != null && before.status() == TicketStatus.OPEN;
      nextStart = running ? clocks.nextResponseStartedAt() : at;
      if (!running) {
        breached.remove(SlaMetric.NEXT_RESPONSE);
      }
    }
    Instant nextDue = nextStart == null ? null : nextStart.plus(firstResponse.get(priority));

    return new Sla(firstDue, respondedAt, nextStart, nextDue, resolutionStart, resolutionDue, breached,
        autoCloseAt(before, status, message, at, respondedAt));
  }

  /**
   * When the ticket closes by itself: {@code autoCloseAfter} after it started waiting on the
   * merchant, or after the assistant answered a ticket no agent has replied to; never while it
   * waits on the team or once closed.
   */
  private Instant autoCloseAt(Ticket before, TicketStatus status, Message message, Instant at, Instant respondedAt) {
    if (status == TicketStatus.CLOSED) {
      return null;
    }
    if (message != null) {
      return switch (message.senderType()) {
        case USER -> null;
        case ADMIN -> status == TicketStatus.PENDING ? at.plus(autoCloseAfter) : null;
        case AI -> respondedAt == null ? at.plus(autoCloseAfter) : before.sla().autoCloseAt();
      };
    }
    if (status == TicketStatus.PENDING && before.status() != TicketStatus.PENDING) {
      return at.plus(autoCloseAfter);
    }
    if (status == TicketStatus.OPEN && before.status() != TicketStatus.OPEN) {
      return null;
    }
    return before.sla().autoCloseAt();
  }
}
