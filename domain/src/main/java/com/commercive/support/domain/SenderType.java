package com.commercive.support.domain;

import java.util.Locale;

public enum SenderType {
  USER,
  ADMIN,
  AI;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static SenderType fromWire(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
