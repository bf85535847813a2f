package com.commercive.support.metrics;

import com.commercive.support.domain.Message;
import com.commercive.support.domain.ResolvedBy;
import com.commercive.support.domain.SenderType;
import com.commercive.support.domain.SlaMetric;
import com.commercive.support.domain.Ticket;
import com.commercive.support.domain.TicketStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The facts one change of the tables adds to its day's counters (the day the change was written,
 * UTC): a ticket opened or closed (and by whom), the team's first reply and how long it took, how
 * long a ticket took to resolve, a rating, a clock marked late, the assistant's reply or handoff.
 * Each change is counted once by the aggregates' store; here it only says what to add.
 */
public final class MetricFacts {
  public static final String CREATED = "tickets_created";
  public static final String CLOSED = "tickets_closed";
  public static final String CLOSED_BY_AI = "closed_by_ai";
  public static final String AUTO_REPLIES = "auto_replies";
  public static final String HANDOFFS = "handoffs";
  public static final String FIRST_RESPONSE = "first_response_minutes_";
  public static final String RESOLUTION = "resolution_hours_";
  public static final String CSAT = "csat_";
  public static final String BREACHES = "breaches_";

  private MetricFacts() {}

  /** What a ticket's change adds; {@code before} null for a new ticket, {@code after} null for a removal. */
  public static Map<String, Long> ofTicketChange(Ticket before, Ticket after) {
    Map<String, Long> add = new TreeMap<>();
    if (after == null) {
      return add;
    }
    if (before == null) {
      add.put(CREATED, 1L);
      return add;
    }
    if (before.status() != TicketStatus.CLOSED && after.status() == TicketStatus.CLOSED) {
      add.put(CLOSED, 1L);
      if (after.resolvedBy() == ResolvedBy.AI) {
        add.put(CLOSED_BY_AI, 1L);
      }
      Instant started = after.sla().resolutionStartedAt() != null ? after.sla().resolutionStartedAt() : after.createdAt();
      add.put(RESOLUTION + Histogram.RESOLUTION_HOURS.bucketOf(ceiling(started, after.updatedAt(), Duration.ofHours(1))),
          1L);
    }
    Instant responded = after.sla().firstRespondedAt();
    if (before.sla().firstRespondedAt() == null && responded != null) {
      add.put(FIRST_RESPONSE + Histogram.FIRST_RESPONSE_MINUTES.bucketOf(
          ceiling(after.createdAt(), responded, Duration.ofMinutes(1))), 1L);
    }
    if (before.satisfaction() == null && after.satisfaction() != null) {
      add.put(CSAT + after.satisfaction().rating(), 1L);
    }
    for (SlaMetric metric : after.sla().breached()) {
      if (!before.sla().breached().contains(metric)) {
        add.put(BREACHES + metric.wireName(), 1L);
      }
    }
    return add;
  }

  /** What a new message adds: the assistant's reply, or its handoff to a person. */
  public static Map<String, Long> ofNewMessage(Message message) {
    if (message.senderType() != SenderType.AI || message.internal()) {
      return Map.of();
    }
    return Map.of(message.handoff() ? HANDOFFS : AUTO_REPLIES, 1L);
  }

  /** Whole units from {@code from} to {@code to}, a started unit counting as one. */
  private static long ceiling(Instant from, Instant to, Duration unit) {
    long millis = Math.max(0, Duration.between(from, to).toMillis());
    return (millis + unit.toMillis() - 1) / unit.toMillis();
  }
}
