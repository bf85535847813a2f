package com.commercive.support.api;

import com.commercive.support.api.Router.Route;
import com.commercive.support.service.AssistantService;
import java.util.List;

/** The assistant's answer to a question, on its own or added to a ticket. */
final class AssistantRoutes implements Router.Resource {
  private final AssistantService assistant;
  private final ApiMetrics metrics;

  AssistantRoutes(AssistantService assistant, ApiMetrics metrics) {
    this.assistant = assistant;
    this.metrics = metrics;
  }

  @Override
  public List<Route> routes() {
    return List.of(Route.creating("POST", "/ai-response", this::respond));
  }

  private HttpResponse respond(RouteRequest request) {
    AssistantService.AiReply reply = assistant.respond(request.caller(), RequestBodies.aiRequest(request.body()));
    metrics.assistantAnswered(reply.answer().topic().wireName(), reply.answer().handoff());
    if (reply.message() != null) {
      metrics.messagePosted(reply.message().senderType().wireName());
    }
    return HttpResponse.json(200, Representations.aiReply(reply));
  }
}
