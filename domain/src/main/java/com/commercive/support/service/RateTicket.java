package com.commercive.support.service;

import com.commercive.support.domain.Caller;
import com.commercive.support.domain.FieldError;
import com.commercive.support.domain.ForbiddenException;
import com.commercive.support.domain.NotFoundException;
import com.commercive.support.domain.Satisfaction;
import com.commercive.support.domain.Ticket;
import com.commercive.support.store.TicketRepository;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A merchant's rating of how their closed ticket went: once, 1 to 5, with an optional comment. */
public final class RateTicket {
  private final TicketRepository tickets;
  private final Clock clock;

  public RateTicket(TicketRepository tickets, Clock clock) {
    this.tickets = tickets;
    this.clock = clock;
  }

  /** A rating as sent: {@code rating} null when absent or not a whole number. */
  public record Rating(Integer rating, String comment) {}

  /**
   * Rates the caller's closed ticket.
   *
   * @throws com.commercive.support.domain.ValidationException a rating outside 1–5 or a comment over 2,000 characters
   * @throws ForbiddenException the caller is not the ticket's owner (the team does not rate for them)
   * @throws com.commercive.support.domain.ConflictException the ticket is not closed, or was rated already
   */
  public Ticket rate(Caller caller, String ticketId, Rating request) {
    List<FieldError> errors = new ArrayList<>();
    if (request.rating() == null || request.rating() < 1 || request.rating() > 5) {
      errors.add(new FieldError("rating", "must be a whole number from 1 to 5"));
    }
    String comment = request.comment() == null || request.comment().isBlank() ? null : request.comment().strip();
    if (comment != null && comment.codePointCount(0, comment.length()) > Satisfaction.MAX_COMMENT) {
      errors.add(new FieldError("comment", "must be at most " + Satisfaction.MAX_COMMENT + " characters"));
    }
    MessageRules.throwIfAny(errors);
    if (!MessageRules.isId(ticketId)) {
      throw NotFoundException.ticket();
    }
    // Who may rate it is checked on the ticket as read for the write: one read, one write.
    Optional<TicketRepository.Applied> applied = tickets.update(ticketId, stored -> {
      if (!stored.userId().equals(caller.userId())) {
        throw new ForbiddenException(caller.mayAccess(stored)
            ? "only the ticket's owner rates it" : "you do not have access to this ticket");
      }
      return Optional.of(stored.rate(request.rating(), comment,
          stored.changeAt(clock.instant().truncatedTo(ChronoUnit.MILLIS))));
    });
    return applied.orElseThrow(NotFoundException::ticket).ticket();
  }
}
