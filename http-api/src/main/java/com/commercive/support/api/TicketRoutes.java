package com.commercive.support.api;

import com.commercive.support.api.Representations.TicketCreatedJson;
import com.commercive.support.service.ReadTickets;
import com.commercive.support.service.OpenTicket;
import com.commercive.support.api.Representations.TicketEnvelope;
import com.commercive.support.api.Representations.TicketListJson;
import com.commercive.support.api.Router.Route;
import com.commercive.support.domain.Ticket;
import com.commercive.support.domain.ValidationException;
import com.commercive.support.domain.VersionCondition;
import com.commercive.support.service.TicketUseCases;
import com.commercive.support.service.ReadTickets.ListQuery;
import java.util.List;
import java.util.Map;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A merchant's tickets: list them, open one, read one, change one (status, priority). */
final class TicketRoutes implements Router.Resource {
  /** One element of an entity-tag list (RFC 9110, 8.8.3): {@code W/} or not, a quoted tag, a comma or the end. */
  private static final Pattern ENTITY_TAG =
      Pattern.compile("\\G[ \\t]*(?:(W/)?\"([\\x21\\x23-\\x7E\\x80-\\xFF]*)\")?[ \\t]*(,|\\z)");
  /** Our tags: a ticket's version. */
  private static final Pattern VERSION = Pattern.compile("[0-9]{1,18}");
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
        Route.changing("PATCH", "/tickets/{ticket_id}", this::update),
        Route.creating("POST", "/tickets/{ticket_id}/satisfaction", this::rate));
  }

  private HttpResponse listOwn(RouteRequest request) {
    ReadTickets.TicketList list = tickets.read().listOwn(request.caller(), listQuery(request));
    return HttpResponse.json(200, new TicketListJson(Representations.tickets(list, request.caller()), list.nextCursor()));
  }

  private HttpResponse create(RouteRequest request) {
    OpenTicket.TicketCreated created = tickets.open().open(request.caller(), RequestBodies.newTicket(request.body()));
    metrics.ticketCreated();
    if (created.message() != null) {
      metrics.messagePosted(created.message().senderType().wireName());
    }
    return HttpResponse.json(201, new TicketCreatedJson(
            Representations.ticket(created.ticket(), request.caller()), Representations.sentBy(request.caller(), created.message())))
        .withHeaders(Map.of("Location", HttpApi.BASE + "/tickets/" + created.ticket().ticketId()))
        .withHeaders(Representations.etag(created.ticket()));
  }

  private HttpResponse get(RouteRequest request) {
    Ticket ticket = tickets.read().get(request.caller(), request.parameter("ticket_id"));
    return HttpResponse.json(200, new TicketEnvelope(Representations.ticket(ticket, request.caller())))
        .withHeaders(Representations.etag(ticket));
  }

  private HttpResponse update(RouteRequest request) {
    Ticket ticket = tickets.edit().edit(request.caller(), request.parameter("ticket_id"),
        RequestBodies.ticketUpdate(request.body()), ifMatch(request));
    return HttpResponse.json(200, new TicketEnvelope(Representations.ticket(ticket, request.caller())))
        .withHeaders(Representations.etag(ticket));
  }

  private HttpResponse rate(RouteRequest request) {
    Ticket ticket = tickets.rate().rate(request.caller(), request.parameter("ticket_id"),
        RequestBodies.rating(request.body()));
    return HttpResponse.json(201, new TicketEnvelope(Representations.ticket(ticket, request.caller())))
        .withHeaders(Representations.etag(ticket));
  }

  /**
   * The versions an {@code If-Match} header admits, compared as RFC 9110 says: {@code *} or no
   * header admits any; otherwise a list of entity tags, of which only strong ones can match (a
   * weak tag, {@code W/"7"}, never does) and only ours are versions (a digit string in quotes, as
   * the {@code ETag} gave it). A header that names none of ours admits no version: {@code 412}.
   *
   * @throws ValidationException a header that is not a list of entity tags
   */
  static VersionCondition ifMatch(RouteRequest request) {
    Optional<String> header = request.http().header("if-match").map(String::strip);
    if (header.isEmpty() || header.get().equals("*")) {
      return VersionCondition.any();
    }
    Matcher tags = ENTITY_TAG.matcher(header.get());
    Set<Long> versions = new HashSet<>();
    boolean anyTag = false;
    // Each element starts where the last ended (\G); each but the last consumes its comma.
    while (true) {
      if (!tags.find()) {
        throw invalidIfMatch();
      }
      if (tags.group(2) != null) {
        anyTag = true;
        if (tags.group(1) == null && VERSION.matcher(tags.group(2)).matches()) {
          versions.add(Long.parseLong(tags.group(2)));
        }
      }
      if (tags.group(3).isEmpty()) {
        break;
      }
    }
    if (!anyTag) {
      throw invalidIfMatch();
    }
    return VersionCondition.oneOf(versions);
  }

  private static ValidationException invalidIfMatch() {
    return ValidationException.of("If-Match", "must be the ticket's ETag, a version in quotes such as \"7\"");
  }

  /** {@code status}, {@code limit} and {@code cursor}: the filters of a merchant's list. */
  private static ListQuery listQuery(RouteRequest request) {
    return new ListQuery(
        request.queryParameter("status"), request.queryParameter("limit"), request.queryParameter("cursor"));
  }
}
