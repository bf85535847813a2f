package com.commercive.support.metrics;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The contract's metrics over a range of UTC days, from the days' counters: sums, and percentiles
 * read from the summed histograms. Null where there is nothing to measure.
 */
public record MetricsReport(LocalDate from, LocalDate to, long ticketsCreated, long ticketsClosed,
    Long firstResponseP50, Long firstResponseP90, Long resolutionP50, Long resolutionP90,
    long autoReplies, long handoffs, long resolvedByAi, Double resolutionRate,
    long csatResponses, Double csatAverage, Double satisfiedShare,
    long firstResponseBreaches, long resolutionBreaches) {

  /** The report of {@code days} (each day's counters; days without any may be left out). */
  public static MetricsReport of(LocalDate from, LocalDate to, Collection<Map<String, Long>> days) {
    Map<String, Long> sum = new HashMap<>();
    days.forEach(day -> day.forEach((name, count) -> sum.merge(name, count, Long::sum)));
    long[] firstResponse = buckets(sum, MetricFacts.FIRST_RESPONSE, Histogram.FIRST_RESPONSE_MINUTES);
    long[] resolution = buckets(sum, MetricFacts.RESOLUTION, Histogram.RESOLUTION_HOURS);
    long closed = count(sum, MetricFacts.CLOSED);
    long byAi = count(sum, MetricFacts.CLOSED_BY_AI);
    long responses = 0;
    long scoreSum = 0;
    for (int score = 1; score <= 5; score++) {
      long n = count(sum, MetricFacts.CSAT + score);
      responses += n;
      scoreSum += n * score;
    }
    long satisfied = count(sum, MetricFacts.CSAT + 4) + count(sum, MetricFacts.CSAT + 5);
    return new MetricsReport(from, to, count(sum, MetricFacts.CREATED), closed,
        Histogram.FIRST_RESPONSE_MINUTES.percentile(firstResponse, 0.5),
        Histogram.FIRST_RESPONSE_MINUTES.percentile(firstResponse, 0.9),
        Histogram.RESOLUTION_HOURS.percentile(resolution, 0.5), Histogram.RESOLUTION_HOURS.percentile(resolution, 0.9),
        count(sum, MetricFacts.AUTO_REPLIES), count(sum, MetricFacts.HANDOFFS), byAi,
        closed == 0 ? null : ratio(byAi, closed),
        responses, responses == 0 ? null : ratio(scoreSum, responses), responses == 0 ? null : ratio(satisfied, responses),
        count(sum, MetricFacts.BREACHES + "first_response"), count(sum, MetricFacts.BREACHES + "resolution"));
  }

  private static long[] buckets(Map<String, Long> sum, String prefix, Histogram histogram) {
    long[] counts = new long[histogram.upperEdges().size()];
    for (int i = 0; i < counts.length; i++) {
      counts[i] = count(sum, prefix + i);
    }
    return counts;
  }

  private static long count(Map<String, Long> sum, String name) {
    return sum.getOrDefault(name, 0L);
  }

  /** Rounded to three places, as the contract shows shares and averages. */
  private static double ratio(long part, long whole) {
    return Math.round(1000.0 * part / whole) / 1000.0;
  }
}
