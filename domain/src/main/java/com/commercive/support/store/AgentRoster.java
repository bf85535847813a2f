package com.commercive.support.store;

import com.commercive.support.domain.Agent;
import java.util.List;
import java.util.Optional;

/** The support team's roster. An agent's {@code openAssigned} is kept by the ticket writes that change it. */
public interface AgentRoster {
  List<Agent> list();

  Optional<Agent> find(String agentId);

  /**
   * Adds the agent or changes their name, email, availability and capacity; their count of open
   * tickets and last assignment stay as they are.
   *
   * @return the agent as stored
   */
  Agent save(String agentId, String name, String email, boolean available, int maxOpen);

  /** A roster with nobody on it, for uses that never assign (tools, tests of other rules). */
  static AgentRoster empty() {
    return new AgentRoster() {
      @Override
      public List<Agent> list() {
        return List.of();
      }

      @Override
      public Optional<Agent> find(String agentId) {
        return Optional.empty();
      }

      @Override
      public Agent save(String agentId, String name, String email, boolean available, int maxOpen) {
        throw new IllegalStateException("a roster without a store keeps nobody");
      }
    };
  }
}
