package com.commercive.support.api;

import com.commercive.support.api.Representations.ConversationJson;
import com.commercive.support.service.ReadTickets;
import com.commercive.support.service.PostMessage;
import com.commercive.support.api.Representations.MessagePostedJson;
import com.commercive.support.api.Router.Route;
import com.commercive.support.service.CannedResponseService;
import com.commercive.support.service.TicketUseCases;
import com.commercive.support.service.PostMessage.NewMessage;
import com.commercive.support.service.ReadTickets.ListQuery;
import java.util.List;

/** A ticket's conversation: read it, add to it (a message, a note, or a canned response filled in). */
final class MessageRoutes implements Router.Resource {
  private final TicketUseCases tickets;
  private final CannedResponseService cannedResponses;
  private final ApiMetrics metrics;

  MessageRoutes(TicketUseCases tickets, CannedResponseService cannedResponses, ApiMetrics metrics) {
    this.tickets = tickets;
    this.cannedResponses = cannedResponses;
    this.metrics = metrics;
  }

  @Override
  public List<Route> routes() {
    return List.of(
        Route.get("/tickets/{ticket_id}/messages", this::conversation),
        Route.creating("POST", "/tickets/{ticket_id}/messages", this::post));
  }

  private HttpResponse conversation(RouteRequest request) {
    ListQuery query = new ListQuery(null, request.queryParameter("limit"), request.queryParameter("cursor"));
    ReadTickets.Conversation conversation =
        tickets.read().conversation(request.caller(), request.parameter("ticket_id"), query);
    return HttpResponse.json(200, new ConversationJson(
        Representations.ticket(conversation.ticket(), request.caller()),
        conversation.messages().stream().map(Representations::message).toList(),
        conversation.nextCursor())).withHeaders(Representations.etag(conversation.ticket()));
  }

  private HttpResponse post(RouteRequest request) {
    NewMessage sent = RequestBodies.newMessage(request.body());
    String ticketId = request.parameter("ticket_id");
    PostMessage.MessagePosted posted = sent.cannedResponseId() == null
        ? tickets.post().post(request.caller(), ticketId, sent)
        : cannedResponses.post(request.caller(), ticketId, sent.cannedResponseId(), sent);
    if (posted.message() != null) {
      metrics.messagePosted(posted.message().senderType().wireName());
    }
    return HttpResponse.json(201, new MessagePostedJson(
            Representations.sentBy(request.caller(), posted.message()), Representations.ticket(posted.ticket(), request.caller())))
        .withHeaders(Representations.etag(posted.ticket()));
  }
}
