package com.commercive.support.domain;

import java.util.Locale;
import java.util.Optional;

/** Who resolved a closed ticket: the assistant alone (no agent ever replied in public), or an agent. */
public enum ResolvedBy {
  AI,
  AGENT;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<ResolvedBy> fromWire(String value) {
    for (ResolvedBy by : values()) {
      if (by.wireName().equals(value)) {
        return Optional.of(by);
      }
    }
    return Optional.empty();
  }
}
