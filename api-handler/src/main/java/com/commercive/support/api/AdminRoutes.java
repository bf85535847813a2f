package com.commercive.support.api;

import com.commercive.support.api.Representations.TicketListJson;
import com.commercive.support.api.Router.Route;
import com.commercive.support.service.TicketService;
import java.util.List;

/** The support team's tools: the inbox of every merchant's tickets. */
final class AdminRoutes implements Router.Resource {
  private final TicketService tickets;

  AdminRoutes(TicketService tickets) {
    this.tickets = tickets;
  }

  @Override
  public List<Route> routes() {
    return List.of(Route.get("/admin/tickets", this::inbox));
  }

  private HttpResponse inbox(RouteRequest request) {
    TicketService.TicketList list = tickets.listAll(request.caller(), TicketRoutes.listQuery(request));
    return HttpResponse.json(200, new TicketListJson(Representations.tickets(list), list.nextCursor()));
  }
}
