package com.commercive.support.resources;

/** The physical names of the tables, as configured (defaults: {@link SupportTables}'s names). */
public record TableNames(String tickets, String messages, String users, String idempotency, String cannedResponses,
    String agents, String attachments, String connections) {
  public static TableNames defaults() {
    return new TableNames(
        SupportTables.TICKETS.defaultName(),
        SupportTables.MESSAGES.defaultName(),
        SupportTables.USERS.defaultName(),
        SupportTables.IDEMPOTENCY.defaultName(),
        SupportTables.CANNED_RESPONSES.defaultName(),
        SupportTables.AGENTS.defaultName(),
        SupportTables.ATTACHMENTS.defaultName(),
        SupportTables.CONNECTIONS.defaultName());
  }

  /** The name of the table {@code spec} describes. */
  public String nameOf(TableSpec spec) {
    if (spec == SupportTables.TICKETS) {
      return tickets;
    } else if (spec == SupportTables.MESSAGES) {
      return messages;
    } else if (spec == SupportTables.USERS) {
      return users;
    } else if (spec == SupportTables.IDEMPOTENCY) {
      return idempotency;
    } else if (spec == SupportTables.CANNED_RESPONSES) {
      return cannedResponses;
    } else if (spec == SupportTables.AGENTS) {
      return agents;
    } else if (spec == SupportTables.ATTACHMENTS) {
      return attachments;
    } else if (spec == SupportTables.CONNECTIONS) {
      return connections;
    }
    throw new IllegalArgumentException("no table of the system is described by " + spec);
  }

  /** The same tables with {@code prefix} before each name (tests keep their data apart this way). */
  public TableNames withPrefix(String prefix) {
    return new TableNames(prefix + tickets, prefix + messages, prefix + users, prefix + idempotency,
        prefix + cannedResponses, prefix + agents, prefix + attachments, prefix + connections);
  }
}
