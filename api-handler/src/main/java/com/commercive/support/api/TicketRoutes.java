package com.commercive.support.api;

import com.commercive.support.api.Representations.TicketCreatedJson;
import com.commercive.support.api.Representations.TicketEnvelope;
import com.commercive.support.api.Representations.TicketListJson;
import com.commercive.support.api.Router.Route;
import com.commercive.support.service.TicketService;
import com.commercive.support.service.TicketService.ListQuery;
import java.util.List;
import java.util.Map;

/** A merchant's tickets: list them, open one, read one. */
final class TicketRoutes implements Router.Resource {
  private final TicketService tickets;
  private final ApiMetrics metrics;

  TicketRoutes(TicketService tickets, ApiMetrics metrics) {
    this.tickets = tickets;
    this.metrics = metrics;
  }

  @Override
  public List<Route> routes() {
    return List.of(
        Route.get("/tickets", this::listOwn),
        Route.creating("POST", "/tickets", this::create),
        Route.get("/tickets/{ticket_id}", this::get));
  }

  private HttpResponse listOwn(RouteRequest request) {
    TicketService.TicketList list = tickets.listOwn(request.caller(), listQuery(request));
    return HttpResponse.json(200, new TicketListJson(Representations.tickets(list), list.nextCursor()));
  }

  private HttpResponse create(RouteRequest request) {
    TicketService.TicketCreated created = tickets.create(request.caller(), RequestBodies.newTicket(request.body()));
    metrics.ticketCreated();
    if (created.message() != null) {
      metrics.messagePosted(created.message().senderType().wireName());
    }
    return HttpResponse.json(201, new TicketCreatedJson(
            Representations.ticket(created.ticket()), Representations.sentBy(request.caller(), created.message())))
        .withHeaders(Map.of("Location", HttpApi.BASE + "/tickets/" + created.ticket().ticketId()));
  }

  private HttpResponse get(RouteRequest request) {
    return HttpResponse.json(200, new TicketEnvelope(
        Representations.ticket(tickets.get(request.caller(), request.parameter("ticket_id")))));
  }

  /** {@code status}, {@code limit} and {@code cursor}: the filters of every ticket list. */
  static ListQuery listQuery(RouteRequest request) {
    return new ListQuery(
        request.queryParameter("status"), request.queryParameter("limit"), request.queryParameter("cursor"));
  }
}
