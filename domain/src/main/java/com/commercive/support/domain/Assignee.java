package com.commercive.support.domain;

import java.util.Objects;

/** The agent a ticket is assigned to, with the name shown in lists (kept on the ticket when assigned). */
public record Assignee(String agentId, String name) {
  public Assignee {
    Objects.requireNonNull(agentId, "agentId");
  }
}
