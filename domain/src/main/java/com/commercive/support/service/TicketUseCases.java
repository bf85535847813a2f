package com.commercive.support.service;

import com.commercive.support.domain.ServiceLevels;
import com.commercive.support.store.AgentRoster;
import com.commercive.support.store.AttachmentStore;
import com.commercive.support.store.TicketRepository;
import com.commercive.support.store.UserDirectory;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * The use cases on tickets and their conversation, built once over the same ports: what the
 * API's routes and the services beside them call.
 */
public record TicketUseCases(TicketAccess access, OpenTicket open, AppendMessage append, PostMessage post,
    EditTicket edit, ReadTickets read, RateTicket rate) {

  /** Every use case wired over these ports and settings. */
  public static TicketUseCases over(TicketRepository tickets, UserDirectory users, AttachmentStore attachments,
      AgentRoster roster, RateLimiter limits, CursorCodec cursors, List<String> attachmentUrlPrefixes,
      ServiceLevels levels, Clock clock, Supplier<String> ids) {
    TicketAccess access = new TicketAccess(tickets);
    AppendMessage append = new AppendMessage(tickets, levels, clock);
    return new TicketUseCases(access, new OpenTicket(tickets, limits, levels, clock, ids), append,
        new PostMessage(access, append, tickets, attachments, limits, attachmentUrlPrefixes, clock, ids),
        new EditTicket(tickets, roster, levels, clock), new ReadTickets(access, tickets, users, cursors),
        new RateTicket(tickets, clock));
  }
}
