package com.commercive.support.assistant;

import java.util.Locale;
import java.util.Optional;

/** What a merchant's question is about; {@code GENERAL} when it fits none of the others. */
public enum Topic {
  INVENTORY,
  ORDERS,
  STORE_CONNECTION,
  AFFILIATE,
  PAYOUTS,
  ACCOUNT,
  GENERAL;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Topic> fromWire(String value) {
    for (Topic topic : values()) {
      if (topic.wireName().equals(value)) {
        return Optional.of(topic);
      }
    }
    return Optional.empty();
  }
}
