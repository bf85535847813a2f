package com.commercive.support.domain;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A ticket's service-level clocks (see {@link ServiceLevels} for how they run): when the team's
 * first reply is due and when it came, the next reply's clock while the ticket waits on the team,
 * the resolution clock of the current cycle (from creation or the last reopening), which clocks
 * have breached, and when the ticket closes by itself if nobody writes ({@code autoCloseAt}).
 * Each field is null when that clock does not run.
 */
public record Sla(
    Instant firstResponseDueAt,
    Instant firstRespondedAt,
    Instant nextResponseStartedAt,
    Instant nextResponseDueAt,
    Instant resolutionStartedAt,
    Instant resolutionDueAt,
    Set<SlaMetric> breached,
    Instant autoCloseAt) {

  /** No clock: a ticket stored before service levels existed. */
  public static final Sla NONE = new Sla(null, null, null, null, null, null, Set.of(), null);

  public Sla {
    breached = breached.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(breached));
  }

  /** Whether {@code metric}'s clock runs on a ticket in {@code status}. */
  public boolean runs(SlaMetric metric, TicketStatus status) {
    return switch (metric) {
      case FIRST_RESPONSE -> firstRespondedAt == null && firstResponseDueAt != null && status != TicketStatus.CLOSED;
      case NEXT_RESPONSE -> nextResponseDueAt != null && status == TicketStatus.OPEN;
      case RESOLUTION -> resolutionDueAt != null && status != TicketStatus.CLOSED;
    };
  }

  private Instant dueAt(SlaMetric metric) {
    return switch (metric) {
      case FIRST_RESPONSE -> firstResponseDueAt;
      case NEXT_RESPONSE -> nextResponseDueAt;
      case RESOLUTION -> resolutionDueAt;
    };
  }

  /** The clocks that run, are past due at {@code now} and are not yet marked breached. */
  public Set<SlaMetric> newBreaches(TicketStatus status, Instant now) {
    Set<SlaMetric> due = EnumSet.noneOf(SlaMetric.class);
    for (SlaMetric metric : SlaMetric.values()) {
      if (runs(metric, status) && !breached.contains(metric) && !dueAt(metric).isAfter(now)) {
        due.add(metric);
      }
    }
    return due;
  }

  /** Whether the ticket is due to close by itself at {@code now}. */
  public boolean autoCloseDue(TicketStatus status, Instant now) {
    return autoCloseAt != null && status != TicketStatus.CLOSED && !autoCloseAt.isAfter(now);
  }

  /**
   * When the sweep must look at the ticket next: the earliest running clock not yet breached, or
   * its auto-close; null when nothing runs (the ticket then leaves the sweep's index).
   */
  public Instant nextDueAt(TicketStatus status) {
    Stream<Instant> clocks = Stream.of(SlaMetric.values())
        .filter(metric -> runs(metric, status) && !breached.contains(metric)).map(this::dueAt);
    Stream<Instant> autoClose = status == TicketStatus.CLOSED || autoCloseAt == null
        ? Stream.empty() : Stream.of(autoCloseAt);
    return Stream.concat(clocks, autoClose).min(Instant::compareTo).orElse(null);
  }

  /** These clocks with {@code metrics} marked breached too. */
  public Sla breaching(Set<SlaMetric> metrics) {
    Set<SlaMetric> all = EnumSet.noneOf(SlaMetric.class);
    all.addAll(breached);
    all.addAll(metrics);
    return new Sla(firstResponseDueAt, firstRespondedAt, nextResponseStartedAt, nextResponseDueAt,
        resolutionStartedAt, resolutionDueAt, all, autoCloseAt);
  }
}
