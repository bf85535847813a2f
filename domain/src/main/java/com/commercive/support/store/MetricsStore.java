package com.commercive.support.store;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Per-day service-quality counters. Every method is a constant number of store calls per day range. */
public interface MetricsStore {
  /**
   * Adds {@code counts} to {@code day}'s counters once for {@code changeId} (a stream record's
   * event id): a second call with the same id adds nothing.
   *
   * @return false when that change was counted before
   */
  boolean add(String changeId, LocalDate day, Map<String, Long> counts);

  /** The counters of each day from {@code from} to {@code to} (both included) that has any. */
  List<Map<String, Long>> days(LocalDate from, LocalDate to);
}
