package com.commercive.support.config;

import static com.commercive.support.resources.EnvironmentVariables.AUTO_ASSIGN;

/**
 * Automatic assignment ({@code AUTO_ASSIGN}, on by default): a ticket that needs a person goes to
 * the available agent with room who holds the fewest open tickets, or waits for one.
 */
public record AssignmentSettings(boolean autoAssign) {
  public static AssignmentSettings from(Environment env) {
    return new AssignmentSettings(env.flag(AUTO_ASSIGN, true));
  }
}
