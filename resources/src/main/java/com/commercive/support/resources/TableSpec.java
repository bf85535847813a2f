package com.commercive.support.resources;

import java.util.List;
import java.util.Optional;

/**
 * One table: its default name, its string partition key (and sort key, for tables of item
 * collections), whether it streams its changes (new and old images), the attribute its items
 * expire by, and its global secondary indexes (string keys, every attribute projected).
 */
public record TableSpec(String defaultName, String partitionKey, boolean streamed, Optional<String> timeToLive,
    List<Index> indexes, Optional<String> sortKey) {

  public record Index(String name, String partitionKey, String sortKey) {}

  /** A table keyed by its partition key alone. */
  public TableSpec(String defaultName, String partitionKey, boolean streamed, Optional<String> timeToLive,
      List<Index> indexes) {
    this(defaultName, partitionKey, streamed, timeToLive, indexes, Optional.empty());
  }

  public TableSpec {
    indexes = List.copyOf(indexes);
  }
}
