package com.commercive.support.fakes;

import com.commercive.support.store.MetricsStore;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Per-day counters in memory, with the DynamoDB store's rule: a change counts once. */
public final class InMemoryMetricsStore implements MetricsStore {
  private final Set<String> counted = new HashSet<>();
  private final Map<LocalDate, Map<String, Long>> days = new TreeMap<>();

  @Override
  public synchronized boolean add(String changeId, LocalDate day, Map<String, Long> counts) {
    if (counts.isEmpty()) {
      return true;
    }
    if (!counted.add(changeId)) {
      return false;
    }
    Map<String, Long> counters = days.computeIfAbsent(day, d -> new TreeMap<>());
    counts.forEach((name, n) -> counters.merge(name, n, Long::sum));
    return true;
  }

  @Override
  public synchronized List<Map<String, Long>> days(LocalDate from, LocalDate to) {
    List<Map<String, Long>> found = new ArrayList<>();
    days.forEach((day, counters) -> {
      if (!day.isBefore(from) && !day.isAfter(to)) {
        found.add(Map.copyOf(counters));
      }
    });
    return found;
  }

  public synchronized Map<LocalDate, Map<String, Long>> all() {
    return new TreeMap<>(days);
  }
}
