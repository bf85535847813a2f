package com.commercive.support.api;

import com.commercive.support.api.Router.Route;
import com.commercive.support.domain.Agent;
import com.commercive.support.service.AgentService;
import java.util.List;

/** The support team's roster (admins only): who takes tickets, and how many at once. */
final class AgentRoutes implements Router.Resource {
  static final String PATH = "/admin/agents";

  private final AgentService agents;

  AgentRoutes(AgentService agents) {
    this.agents = agents;
  }

  record AgentJson(String agentId, String name, String email, boolean available, int maxOpen, int openAssigned) {}

  record AgentEnvelope(AgentJson agent) {}

  record AgentListJson(List<AgentJson> agents) {}

  @Override
  public List<Route> routes() {
    return List.of(
        Route.get(PATH, this::list),
        Route.changing("PUT", PATH + "/{agent_id}", this::update));
  }

  private HttpResponse list(RouteRequest request) {
    return HttpResponse.json(200, new AgentListJson(agents.list(request.caller()).stream().map(AgentRoutes::json).toList()));
  }

  private HttpResponse update(RouteRequest request) {
    Agent agent = agents.update(request.caller(), request.parameter("agent_id"), RequestBodies.agentUpdate(request.body()));
    return HttpResponse.json(200, new AgentEnvelope(json(agent)));
  }

  static AgentJson json(Agent agent) {
    return new AgentJson(agent.agentId(), agent.name(), agent.email(), agent.available(), agent.maxOpen(),
        agent.openAssigned());
  }
}
