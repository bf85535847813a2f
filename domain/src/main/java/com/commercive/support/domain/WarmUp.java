package com.commercive.support.domain;

/** What the functions' SnapStart warm-ups read: an id no ticket, message or user has. */
public final class WarmUp {
  public static final String ID = "snapstart-warm-up";

  private WarmUp() {}
}
