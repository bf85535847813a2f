package com.commercive.support.store;

import java.util.List;

/**
 * One page of a list and the store's continuation token for the next one ({@code null} on the
 * last page). The token is opaque outside the store that made it; the service signs it before it
 * reaches a client.
 */
public record Page<T>(List<T> items, String next) {
  public Page {
    items = List.copyOf(items);
  }

  public boolean last() {
    return next == null;
  }
}
