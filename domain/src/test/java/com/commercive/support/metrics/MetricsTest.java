package com.commercive.support.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.commercive.support.domain.Message;
import com.commercive.support.domain.Priority;
import com.commercive.support.domain.SenderType;
import com.commercive.support.domain.ServiceLevels;
import com.commercive.support.domain.Ticket;
import com.commercive.support.domain.TicketChange;
import com.commercive.support.domain.TicketStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsTest {
  static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  static final ServiceLevels LEVELS = ServiceLevels.DEFAULT;
  int sequence;

  Ticket opened() {
    Ticket ticket = Ticket.open("t-1", "user-1", "Subject", Priority.MEDIUM, T0, LEVELS);
    return ticket.with(new TicketChange(message(SenderType.USER, T0), TicketStatus.OPEN, T0, false));
  }

  Message message(SenderType sender, Instant at) {
    return new Message("m-" + (++sequence), "t-1", "x", sender, "text", null, at);
  }

  @Test
  void eachChangeAddsItsFacts() {
    Ticket opened = opened();
    assertThat(MetricFacts.ofTicketChange(null, opened)).containsExactly(Map.entry("tickets_created", 1L));

    Ticket replied = opened.with(opened.append(message(SenderType.ADMIN, T0.plus(Duration.ofMinutes(12))), false, LEVELS));
    // 12 minutes: the bucket up to 15.
    assertThat(MetricFacts.ofTicketChange(opened, replied)).containsExactly(Map.entry("first_response_minutes_2", 1L));

    Ticket closed = replied.with(replied.close(T0.plus(Duration.ofMinutes(150)), LEVELS));
    assertThat(MetricFacts.ofTicketChange(replied, closed)).containsExactly(
        Map.entry("resolution_hours_2", 1L), Map.entry("tickets_closed", 1L));
    Ticket rated = closed.with(closed.rate(4, null, T0.plus(Duration.ofHours(3))));
    assertThat(MetricFacts.ofTicketChange(closed, rated)).containsExactly(Map.entry("csat_4", 1L));
    assertThat(MetricFacts.ofTicketChange(rated, rated)).as("nothing new").isEmpty();

    Ticket late = opened.with(opened.markBreaches(T0.plus(Duration.ofHours(5))).orElseThrow());
    assertThat(MetricFacts.ofTicketChange(opened, late)).containsExactly(Map.entry("breaches_first_response", 1L));

    Ticket aiClosed = opened.with(opened.close(T0.plus(Duration.ofMinutes(30)), LEVELS));
    assertThat(MetricFacts.ofTicketChange(opened, aiClosed)).containsEntry("closed_by_ai", 1L);

    assertThat(MetricFacts.ofNewMessage(message(SenderType.AI, T0))).containsExactly(Map.entry("auto_replies", 1L));
    assertThat(MetricFacts.ofNewMessage(new Message("m-h", "t-1", "ai", SenderType.AI, "a person will reply", null, T0,
        true, false, false))).containsExactly(Map.entry("handoffs", 1L));
    assertThat(MetricFacts.ofNewMessage(message(SenderType.USER, T0))).isEmpty();
  }

  @Test
  void percentilesAreReadFromTheSummedHistogramsNeverAveragedOverDays() {
    // Day one: nine fast first replies (≤ 5 min); day two: one slow (3 hours). Averaging the days'
    // p90s would say about 1.5 hours; the summed histogram says 5 minutes.
    Map<String, Long> dayOne = new HashMap<>(Map.of("first_response_minutes_0", 9L, "tickets_created", 9L));
    Map<String, Long> dayTwo = new HashMap<>(Map.of("first_response_minutes_9", 1L, "tickets_created", 1L));
    MetricsReport report = MetricsReport.of(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 2), List.of(dayOne, dayTwo));
    assertThat(report.ticketsCreated()).isEqualTo(10);
    assertThat(report.firstResponseP50()).isEqualTo(5);
    assertThat(report.firstResponseP90()).isEqualTo(5);
    dayTwo.put("first_response_minutes_9", 2L);
    assertThat(MetricsReport.of(null, null, List.of(dayOne, dayTwo)).firstResponseP90()).isEqualTo(180);
  }

  @Test
  void sharesAndAveragesAreNullWithNothingToMeasure() {
    MetricsReport empty = MetricsReport.of(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 1), List.of());
    assertThat(empty.firstResponseP50()).isNull();
    assertThat(empty.resolutionRate()).isNull();
    assertThat(empty.csatAverage()).isNull();
    assertThat(empty.satisfiedShare()).isNull();

    List<Map<String, Long>> days = new ArrayList<>();
    days.add(Map.of("tickets_closed", 3L, "closed_by_ai", 1L, "csat_5", 2L, "csat_2", 1L));
    MetricsReport report = MetricsReport.of(null, null, days);
    assertThat(report.resolutionRate()).isEqualTo(0.333);
    assertThat(report.csatResponses()).isEqualTo(3);
    assertThat(report.csatAverage()).isEqualTo(4.0);
    assertThat(report.satisfiedShare()).isEqualTo(0.667);
  }

  @Test
  void theOpenLastBucketReportsItsLowerEdge() {
    long[] counts = new long[Histogram.RESOLUTION_HOURS.upperEdges().size()];
    counts[counts.length - 1] = 1;
    assertThat(Histogram.RESOLUTION_HOURS.percentile(counts, 0.5)).isEqualTo(720);
    assertThat(Histogram.RESOLUTION_HOURS.bucketOf(10_000)).isEqualTo(counts.length - 1);
    assertThat(Histogram.FIRST_RESPONSE_MINUTES.bucketOf(0)).isZero();
  }
}
