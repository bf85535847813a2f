package com.commercive.support.domain;

import java.util.Locale;
import java.util.Optional;

/** Who set a ticket's priority: the merchant who opened it, the system's detection, or an agent. */
public enum PrioritySource {
  USER,
  AUTO,
  AGENT;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<PrioritySource> fromWire(String value) {
    for (PrioritySource source : values()) {
      if (source.wireName().equals(value)) {
        return Optional.of(source);
      }
    }
    return Optional.empty();
  }
}
