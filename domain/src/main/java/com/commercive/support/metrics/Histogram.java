package com.commercive.support.metrics;

import java.util.List;

/**
 * Durations counted in fixed buckets, so that per-day counts can be added over any range and a
 * percentile read from the sum (never an average of daily percentiles). A percentile is reported
 * as the upper edge of the bucket it falls in: approximate within that bucket's width.
 */
public record Histogram(String unit, List<Long> upperEdges) {
  /** First response in minutes: 5-minute buckets for the first half hour, coarser after. */
  public static final Histogram FIRST_RESPONSE_MINUTES = new Histogram("minutes",
      List.of(5L, 10L, 15L, 20L, 30L, 45L, 60L, 90L, 120L, 180L, 240L, 360L, 480L, 720L, 1_080L, 1_440L, 2_880L, 4_320L,
          10_080L, Long.MAX_VALUE));
  /** Resolution in hours: hourly for the first four, coarser after. */
  public static final Histogram RESOLUTION_HOURS = new Histogram("hours",
      List.of(1L, 2L, 3L, 4L, 6L, 8L, 12L, 18L, 24L, 36L, 48L, 72L, 96L, 120L, 168L, 336L, 720L, Long.MAX_VALUE));

  /** The bucket a duration of {@code amount} units falls in (the first whose upper edge is at or above it). */
  public int bucketOf(long amount) {
    for (int i = 0; i < upperEdges.size(); i++) {
      if (amount <= upperEdges.get(i)) {
        return i;
      }
    }
    return upperEdges.size() - 1;
  }

  /**
   * The {@code p}-th percentile (0 &lt; p ≤ 1) of what {@code counts} (one count per bucket) hold,
   * as its bucket's upper edge; the last, open bucket reports its lower edge. Null when empty.
   */
  public Long percentile(long[] counts, double p) {
    long total = 0;
    for (long count : counts) {
      total += count;
    }
    if (total == 0) {
      return null;
    }
    long rank = (long) Math.ceil(p * total);
    long seen = 0;
    for (int i = 0; i < counts.length; i++) {
      seen += counts[i];
      if (seen >= rank) {
        long edge = upperEdges.get(i);
        return edge == Long.MAX_VALUE ? upperEdges.get(i - 1) : edge;
      }
    }
    throw new IllegalStateException("unreachable: the rank is within the total");
  }
}
