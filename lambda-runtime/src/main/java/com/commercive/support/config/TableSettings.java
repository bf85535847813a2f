package com.commercive.support.config;

import static com.commercive.support.resources.EnvironmentVariables.AGENTS_TABLE;
import static com.commercive.support.resources.EnvironmentVariables.ATTACHMENTS_TABLE;
import static com.commercive.support.resources.EnvironmentVariables.CANNED_RESPONSES_TABLE;
import static com.commercive.support.resources.EnvironmentVariables.CONNECTIONS_TABLE;
import static com.commercive.support.resources.EnvironmentVariables.IDEMPOTENCY_TABLE;
import static com.commercive.support.resources.EnvironmentVariables.MESSAGES_TABLE;
import static com.commercive.support.resources.EnvironmentVariables.TICKETS_TABLE;
import static com.commercive.support.resources.EnvironmentVariables.USERS_TABLE;

import com.commercive.support.resources.TableNames;

/**
 * The tables' names: {@code TICKETS_TABLE}, {@code MESSAGES_TABLE}, {@code USERS_TABLE},
 * {@code IDEMPOTENCY_TABLE}, {@code CANNED_RESPONSES_TABLE}, {@code AGENTS_TABLE}, {@code ATTACHMENTS_TABLE}, {@code CONNECTIONS_TABLE}.
 */
public final class TableSettings {
  private TableSettings() {}

  public static TableNames from(Environment env) {
    TableNames defaults = TableNames.defaults();
    return new TableNames(
        name(env, TICKETS_TABLE, defaults.tickets()),
        name(env, MESSAGES_TABLE, defaults.messages()),
        name(env, USERS_TABLE, defaults.users()),
        name(env, IDEMPOTENCY_TABLE, defaults.idempotency()),
        name(env, CANNED_RESPONSES_TABLE, defaults.cannedResponses()),
        name(env, AGENTS_TABLE, defaults.agents()),
        name(env, ATTACHMENTS_TABLE, defaults.attachments()),
        name(env, CONNECTIONS_TABLE, defaults.connections()));
  }

  private static String name(Environment env, String variable, String fallback) {
    String table = env.value(variable).orElse(fallback);
    if (!table.matches("[A-Za-z0-9_.-]{3,255}")) {
      throw new IllegalArgumentException(variable + " is not a valid DynamoDB table name");
    }
    return table;
  }
}
