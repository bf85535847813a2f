package com.commercive.support.domain;

import java.util.Locale;
import java.util.Optional;

public enum Priority {
  LOW,
  MEDIUM,
  HIGH;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The seed's rule: anything that is not exactly low, medium or high becomes medium. */
  public static Priority fromWireOrMedium(String value) {
    return fromWireExactly(value).orElse(MEDIUM);
  }

  /** The priority spelled exactly as on the wire ({@code low}, {@code medium}, {@code high}). */
  public static Optional<Priority> fromWireExactly(String value) {
    for (Priority priority : values()) {
      if (priority.wireName().equals(value)) {
        return Optional.of(priority);
      }
    }
    return Optional.empty();
  }

  public static Priority fromWire(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
