package com.commercive.support.config;

import com.commercive.support.resources.TableNames;

/**
 * The tables' names, each from the variable its catalogue entry names ({@code TICKETS_TABLE},
 * {@code MESSAGES_TABLE}, …).
 */
public final class TableSettings {
  private TableSettings() {}

  /** Each catalogue table's name from its variable, its spec's default when the variable is unset. */
  public static TableNames from(Environment env) {
    return TableNames.of(table -> env.value(table.variable()).map(name -> checked(table.variable(), name)));
  }

  private static String checked(String variable, String table) {
    if (!table.matches("[A-Za-z0-9_.-]{3,255}")) {
      throw new IllegalArgumentException(variable + " is not a valid DynamoDB table name");
    }
    return table;
  }
}
