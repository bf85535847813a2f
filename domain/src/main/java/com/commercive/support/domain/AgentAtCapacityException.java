package com.commercive.support.domain;

/** The agent already holds as many open tickets as they take ({@code max_open}): nothing was changed. */
public final class AgentAtCapacityException extends SupportException {
  private final String agentId;

  public AgentAtCapacityException(String agentId) {
    super(Kind.CONFLICT, "the agent " + agentId + " already has as many open tickets as they take");
    this.agentId = agentId;
  }

  public String agentId() {
    return agentId;
  }
}
