package com.commercive.support.resources;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The physical names of the catalogue's tables, as configured (defaults: their specs' names). A
 * table added to the catalogue is named here with no further change; its accessor below is for the
 * adapters that use it by name.
 */
public final class TableNames {
  private final Map<TableSpec, String> names;

  private TableNames(Map<TableSpec, String> names) {
    for (TableEntry table : Catalogue.TABLES) {
      if (!names.containsKey(table.spec())) {
        throw new IllegalArgumentException("no name for the " + table.id() + " table");
      }
    }
    this.names = Map.copyOf(names);
  }

  /** Each catalogue table's name: {@code nameOf(entry)}'s answer, or its spec's default when that is empty. */
  public static TableNames of(java.util.function.Function<TableEntry, java.util.Optional<String>> nameOf) {
    Map<TableSpec, String> names = new LinkedHashMap<>();
    for (TableEntry table : Catalogue.TABLES) {
      names.put(table.spec(), nameOf.apply(table).orElse(table.spec().defaultName()));
    }
    return new TableNames(names);
  }

  public static TableNames defaults() {
    return of(table -> java.util.Optional.empty());
  }

  /** The name of the table {@code spec} describes. */
  public String nameOf(TableSpec spec) {
    String name = names.get(spec);
    if (name == null) {
      throw new IllegalArgumentException("no table of the system is described by " + spec);
    }
    return name;
  }

  /** The same tables with {@code prefix} before each name (tests keep their data apart this way). */
  public TableNames withPrefix(String prefix) {
    Map<TableSpec, String> prefixed = new LinkedHashMap<>();
    names.forEach((spec, name) -> prefixed.put(spec, prefix + name));
    return new TableNames(prefixed);
  }

  public String tickets() {
    return nameOf(SupportTables.TICKETS);
  }

  public String messages() {
    return nameOf(SupportTables.MESSAGES);
  }

  public String users() {
    return nameOf(SupportTables.USERS);
  }

  public String idempotency() {
    return nameOf(SupportTables.IDEMPOTENCY);
  }

  public String cannedResponses() {
    return nameOf(SupportTables.CANNED_RESPONSES);
  }

  public String agents() {
    return nameOf(SupportTables.AGENTS);
  }

  public String attachments() {
    return nameOf(SupportTables.ATTACHMENTS);
  }

  public String connections() {
    return nameOf(SupportTables.CONNECTIONS);
  }

  public String metrics() {
    return nameOf(SupportTables.METRICS);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TableNames that && names.equals(that.names);
  }

  @Override
  public int hashCode() {
    return names.hashCode();
  }

  @Override
  public String toString() {
    return "TableNames" + names.values();
  }
}
