package com.commercive.support.domain;

import java.util.Optional;

/** Where a ticket stands: waiting on support (open), on the merchant (pending), or done. */
public enum TicketStatus {
  OPEN,
  PENDING,
  CLOSED;

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static Optional<TicketStatus> fromWire(String value) {
    for (TicketStatus status : values()) {
      if (status.wireName().equals(value)) {
        return Optional.of(status);
      }
    }
    return Optional.empty();
  }
}
