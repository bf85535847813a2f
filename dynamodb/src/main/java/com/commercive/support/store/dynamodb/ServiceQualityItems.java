package com.commercive.support.store.dynamodb;

import com.commercive.support.domain.ResolvedBy;
import com.commercive.support.domain.Satisfaction;
import com.commercive.support.domain.Sla;
import com.commercive.support.domain.SlaMetric;
import com.commercive.support.domain.Ticket;
import com.commercive.support.resources.SupportTables;
import com.commercive.support.util.Timestamps;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A ticket's service-quality attributes on its item: the clocks ({@code sla}, a map), who
 * resolved it, its rating, and, while a clock runs, the sparse index's key
 * ({@code due_shard}, {@code next_due_at}) that the sweep queries instead of scanning.
 */
final class ServiceQualityItems {
  static final String SLA = "sla";
  static final String RESOLVED_BY = "resolved_by";
  static final String SATISFACTION = "satisfaction";
  static final String DUE_SHARD = SupportTables.DUE_SHARD;
  static final String NEXT_DUE_AT = SupportTables.NEXT_DUE_AT;
  private static final String FIRST_RESPONSE_DUE_AT = "first_response_due_at";
  private static final String FIRST_RESPONDED_AT = "first_responded_at";
  private static final String NEXT_RESPONSE_STARTED_AT = "next_response_started_at";
  private static final String NEXT_RESPONSE_DUE_AT = "next_response_due_at";
  private static final String RESOLUTION_STARTED_AT = "resolution_started_at";
  private static final String RESOLUTION_DUE_AT = "resolution_due_at";
  private static final String BREACHED = "breached";
  private static final String AUTO_CLOSE_AT = "auto_close_at";
  private static final String RATING = "rating";
  private static final String COMMENT = "comment";
  private static final String RATED_AT = "rated_at";

  private ServiceQualityItems() {}

  /** The shard of the sweep's index a ticket's key falls in: spreads the due tickets over a few partitions. */
  static String dueShard(String ticketId) {
    return dueShard(Math.floorMod(ticketId.hashCode(), SupportTables.DUE_SHARDS));
  }

  static String dueShard(int shard) {
    return "due#" + shard;
  }

  static void put(Ticket ticket, Map<String, AttributeValue> item) {
    Sla sla = ticket.sla();
    if (sla.resolutionStartedAt() != null) {
      item.put(SLA, AttributeValue.fromM(clocks(sla)));
    }
    Instant due = sla.nextDueAt(ticket.status());
    if (due != null) {
      item.put(DUE_SHARD, AttributeValue.fromS(dueShard(ticket.ticketId())));
      item.put(NEXT_DUE_AT, AttributeValue.fromS(Timestamps.format(due)));
    }
    if (ticket.resolvedBy() != null) {
      item.put(RESOLVED_BY, AttributeValue.fromS(ticket.resolvedBy().wireName()));
    }
    Satisfaction rated = ticket.satisfaction();
    if (rated != null) {
      Map<String, AttributeValue> m = new HashMap<>();
      m.put(RATING, AttributeValue.fromN(Integer.toString(rated.rating())));
      if (rated.comment() != null) {
        m.put(COMMENT, AttributeValue.fromS(rated.comment()));
      }
      m.put(RATED_AT, AttributeValue.fromS(Timestamps.format(rated.ratedAt())));
      item.put(SATISFACTION, AttributeValue.fromM(m));
    }
  }

  private static Map<String, AttributeValue> clocks(Sla sla) {
    Map<String, AttributeValue> m = new HashMap<>();
    time(m, FIRST_RESPONSE_DUE_AT, sla.firstResponseDueAt());
    time(m, FIRST_RESPONDED_AT, sla.firstRespondedAt());
    time(m, NEXT_RESPONSE_STARTED_AT, sla.nextResponseStartedAt());
    time(m, NEXT_RESPONSE_DUE_AT, sla.nextResponseDueAt());
    time(m, RESOLUTION_STARTED_AT, sla.resolutionStartedAt());
    time(m, RESOLUTION_DUE_AT, sla.resolutionDueAt());
    time(m, AUTO_CLOSE_AT, sla.autoCloseAt());
    if (!sla.breached().isEmpty()) {
      m.put(BREACHED, AttributeValue.fromL(sla.breached().stream()
          .map(metric -> AttributeValue.fromS(metric.wireName())).toList()));
    }
    return m;
  }

  static Sla sla(Map<String, AttributeValue> item) {
    AttributeValue value = item.get(SLA);
    if (value == null || !value.hasM()) {
      return Sla.NONE;
    }
    Map<String, AttributeValue> m = value.m();
    Function<String, Instant> at = name -> m.containsKey(name) ? Timestamps.parse(m.get(name).s()) : null;
    Set<SlaMetric> breached = EnumSet.noneOf(SlaMetric.class);
    if (m.containsKey(BREACHED)) {
      m.get(BREACHED).l().forEach(v -> breached.add(SlaMetric.fromWire(v.s())
          .orElseThrow(() -> new IllegalStateException("unknown stored service-level metric"))));
    }
    return new Sla(at.apply(FIRST_RESPONSE_DUE_AT), at.apply(FIRST_RESPONDED_AT), at.apply(NEXT_RESPONSE_STARTED_AT),
        at.apply(NEXT_RESPONSE_DUE_AT), at.apply(RESOLUTION_STARTED_AT), at.apply(RESOLUTION_DUE_AT), breached,
        at.apply(AUTO_CLOSE_AT));
  }

  static ResolvedBy resolvedBy(Map<String, AttributeValue> item) {
    AttributeValue value = item.get(RESOLVED_BY);
    return value == null ? null : ResolvedBy.fromWire(value.s())
        .orElseThrow(() -> new IllegalStateException("unknown stored resolver"));
  }

  static Satisfaction satisfaction(Map<String, AttributeValue> item) {
    AttributeValue value = item.get(SATISFACTION);
    if (value == null || !value.hasM()) {
      return null;
    }
    Map<String, AttributeValue> m = value.m();
    return new Satisfaction(Integer.parseInt(m.get(RATING).n()), m.containsKey(COMMENT) ? m.get(COMMENT).s() : null,
        Timestamps.parse(m.get(RATED_AT).s()));
  }

  private static void time(Map<String, AttributeValue> m, String name, Instant at) {
    if (at != null) {
      m.put(name, AttributeValue.fromS(Timestamps.format(at)));
    }
  }
}
