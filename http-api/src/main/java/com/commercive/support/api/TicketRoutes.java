package com.commercive.support.api;

import com.commercive.support.api.Representations.TicketCreatedJson;
import com.commercive.support.service.ReadTickets;
import com.commercive.support.service.OpenTicket;
import com.commercive.support.api.Representations.TicketEnvelope;
import com.commercive.support.api.Representations.TicketListJson;
import com.commercive.support.api.Router.Route;
import com.commercive.support.domain.Ticket;
import com.commercive.support.domain.ValidationException;
import com.commercive.support.service.TicketUseCases;
import com.commercive.support.service.ReadTickets.ListQuery;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A merchant's tickets: list them, open one, read one, change one (status, priority). */
final class TicketRoutes implements Router.Resource {
  private static final Pattern QUOTED_VERSION = Pattern.compile("\"([0-9]{1,18})\"");
  private final TicketUseCases tickets;
  private final ApiMetrics metrics;

  TicketRoutes(TicketUseCases tickets, ApiMetrics metrics) {
    this.tickets = tickets;
    this.metrics = metrics;
  }

  @Override
  public List<Route> routes() {
    return List.of(
        Route.get("/tickets", this::listOwn),
        Route.creating("POST", "/tickets", this::create),
        Route.get("/tickets/{ticket_id}", this::get),
        Route.changing("PATCH", "/tickets/{ticket_id}", this::update));
  }

  private HttpResponse listOwn(RouteRequest request) {
    ReadTickets.TicketList list = tickets.read().listOwn(request.caller(), listQuery(request));
    return HttpResponse.json(200, new TicketListJson(Representations.tickets(list), list.nextCursor()));
  }

  private HttpResponse create(RouteRequest request) {
    OpenTicket.TicketCreated created = tickets.open().open(request.caller(), RequestBodies.newTicket(request.body()));
    metrics.ticketCreated();
    if (created.message() != null) {
      metrics.messagePosted(created.message().senderType().wireName());
    }
    return HttpResponse.json(201, new TicketCreatedJson(
            Representations.ticket(created.ticket()), Representations.sentBy(request.caller(), created.message())))
        .withHeaders(Map.of("Location", HttpApi.BASE + "/tickets/" + created.ticket().ticketId()))
        .withHeaders(Representations.etag(created.ticket()));
  }

  private HttpResponse get(RouteRequest request) {
    Ticket ticket = tickets.read().get(request.caller(), request.parameter("ticket_id"));
    return HttpResponse.json(200, new TicketEnvelope(Representations.ticket(ticket)))
        .withHeaders(Representations.etag(ticket));
  }

  private HttpResponse update(RouteRequest request) {
    Ticket ticket = tickets.edit().edit(request.caller(), request.parameter("ticket_id"),
        RequestBodies.ticketUpdate(request.body()), ifMatch(request));
    return HttpResponse.json(200, new TicketEnvelope(Representations.ticket(ticket)))
        .withHeaders(Representations.etag(ticket));
  }

  /**
   * The version an {@code If-Match} header asks for: a version in quotes as an {@code ETag} gave it,
   * or none ({@code *} or no header).
   */
  static OptionalLong ifMatch(RouteRequest request) {
    Optional<String> header = request.http().header("if-match").map(String::strip);
    if (header.isEmpty() || header.get().equals("*")) {
      return OptionalLong.empty();
    }
    Matcher version = QUOTED_VERSION.matcher(header.get());
    if (!version.matches()) {
      throw ValidationException.of("If-Match", "must be the ticket's ETag, a version in quotes such as \"7\"");
    }
    return OptionalLong.of(Long.parseLong(version.group(1)));
  }

  /** {@code status}, {@code limit} and {@code cursor}: the filters of a merchant's list. */
  private static ListQuery listQuery(RouteRequest request) {
    return new ListQuery(
        request.queryParameter("status"), request.queryParameter("limit"), request.queryParameter("cursor"));
  }
}
