package com.commercive.support.domain;

import java.util.Locale;

public enum Priority {
  LOW,
  MEDIUM,
  HIGH;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The seed's rule: anything that is not exactly low, medium or high becomes medium. */
  public static Priority fromWireOrMedium(String value) {
    for (Priority priority : values()) {
      if (priority.wireName().equals(value)) {
        return priority;
      }
    }
    return MEDIUM;
  }

  public static Priority fromWire(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
