package com.commercive.support.api;

import com.commercive.support.api.Representations.TicketListJson;
import com.commercive.support.service.ReadTickets;
import com.commercive.support.api.Router.Route;
import com.commercive.support.service.TicketUseCases;
import java.util.List;

/** The support team's inbox: every merchant's tickets, by status and by assignee. */
final class AdminRoutes implements Router.Resource {
  private final TicketUseCases tickets;

  AdminRoutes(TicketUseCases tickets) {
    this.tickets = tickets;
  }

  @Override
  public List<Route> routes() {
    return List.of(Route.get("/admin/tickets", this::inbox));
  }

  private HttpResponse inbox(RouteRequest request) {
    ReadTickets.TicketList list = tickets.read().listAll(request.caller(), new ReadTickets.ListQuery(
        request.queryParameter("status"), request.queryParameter("limit"), request.queryParameter("cursor"),
        request.queryParameter("assignee")));
    return HttpResponse.json(200, new TicketListJson(Representations.tickets(list, request.caller()), list.nextCursor()));
  }
}
