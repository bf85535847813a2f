package com.commercive.support.service;

import com.commercive.support.domain.Caller;
import com.commercive.support.domain.ForbiddenException;
import com.commercive.support.domain.NotFoundException;
import com.commercive.support.domain.Ticket;
import com.commercive.support.store.TicketRepository;

/** Who may see a ticket: its owner and the support team. Every use case on a ticket starts here. */
public final class TicketAccess {
  private final TicketRepository tickets;

  public TicketAccess(TicketRepository tickets) {
    this.tickets = tickets;
  }

  /**
   * The ticket, as stored, if the caller may see it.
   *
   * @throws NotFoundException no such ticket (or an id this service never hands out)
   * @throws ForbiddenException someone else's ticket
   */
  public Ticket ticket(Caller caller, String ticketId) {
    if (!MessageRules.isId(ticketId)) {
      throw NotFoundException.ticket();
    }
    Ticket ticket = tickets.find(ticketId).orElseThrow(NotFoundException::ticket);
    if (!caller.mayAccess(ticket)) {
      throw new ForbiddenException("you do not have access to this ticket");
    }
    return ticket;
  }
}
