package com.commercive.support.domain;

import java.util.Locale;
import java.util.Optional;

/** The service-level clocks a ticket runs: the team's first reply, its next reply, and resolution. */
public enum SlaMetric {
  FIRST_RESPONSE,
  NEXT_RESPONSE,
  RESOLUTION;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<SlaMetric> fromWire(String value) {
    for (SlaMetric metric : values()) {
      if (metric.wireName().equals(value)) {
        return Optional.of(metric);
      }
    }
    return Optional.empty();
  }
}
