package com.commercive.support.fakes;

import com.commercive.support.domain.Agent;
import com.commercive.support.store.AgentRoster;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The roster in memory. */
public final class InMemoryAgentRoster implements AgentRoster {
  private final Map<String, Agent> agents = new LinkedHashMap<>();

  @Override
  public synchronized List<Agent> list() {
    return agents.values().stream().sorted(Comparator.comparing(Agent::agentId)).toList();
  }

  @Override
  public synchronized Optional<Agent> find(String agentId) {
    return Optional.ofNullable(agents.get(agentId));
  }

  @Override
  public synchronized Agent save(String agentId, String name, String email, boolean available, int maxOpen) {
    Agent previous = agents.get(agentId);
    Agent saved = new Agent(agentId, name, email, available, maxOpen, previous == null ? 0 : previous.openAssigned(),
        previous == null ? null : previous.lastAssignedAt());
    agents.put(agentId, saved);
    return saved;
  }

  /** Sets an agent as stored, counts included (what ticket writes keep up to date). */
  public synchronized void put(Agent agent) {
    agents.put(agent.agentId(), agent);
  }
}
