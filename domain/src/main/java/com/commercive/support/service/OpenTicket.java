package com.commercive.support.service;

import com.commercive.support.domain.ServiceLevels;
import com.commercive.support.domain.AttachedFile;
import com.commercive.support.domain.Caller;
import com.commercive.support.domain.FieldError;
import com.commercive.support.domain.Message;
import com.commercive.support.domain.Priority;
import com.commercive.support.domain.Ticket;
import com.commercive.support.domain.TicketChange;
import com.commercive.support.domain.TicketStatus;
import com.commercive.support.store.TicketRepository;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** A merchant (or the team, for them) opens a ticket, with its first message when given. */
public final class OpenTicket {
  private final TicketRepository tickets;
  private final RateLimiter limits;
  private final ServiceLevels levels;
  private final Clock clock;
  private final Supplier<String> ids;

  public OpenTicket(TicketRepository tickets, RateLimiter limits, ServiceLevels levels, Clock clock,
      Supplier<String> ids) {
    this.levels = levels;
    this.tickets = tickets;
    this.limits = limits;
    this.clock = clock;
    this.ids = ids;
  }

  /** A new ticket as sent; {@code priority} is the text sent (null when absent or not text). */
  public record NewTicket(String subject, String priority, String message) {}

  public record TicketCreated(Ticket ticket, Message message) {}

  public TicketCreated open(Caller caller, NewTicket request) {
    return open(caller, request, ids, ids);
  }

  /**
   * Opens a ticket with ids the caller chose: a mail's, derived from its {@code Message-ID}, so the
   * ticket it opens is the same whenever it is delivered.
   */
  public TicketCreated open(Caller caller, NewTicket request, String ticketId, String messageId,
      List<AttachedFile> files) {
    return open(caller, request, () -> ticketId, () -> messageId, files);
  }

  private TicketCreated open(Caller caller, NewTicket request, Supplier<String> ticketIds,
      Supplier<String> messageIds) {
    return open(caller, request, ticketIds, messageIds, List.of());
  }

  private TicketCreated open(Caller caller, NewTicket request, Supplier<String> ticketIds,
      Supplier<String> messageIds, List<AttachedFile> files) {
    List<FieldError> errors = new ArrayList<>();
    String subject = request.subject() == null ? null : request.subject().strip();
    MessageRules.checkSubject(subject, errors);
    if (request.message() != null) {
      MessageRules.checkMessage(request.message(), errors);
    }
    MessageRules.throwIfAny(errors);
    if (!caller.admin()) {
      limits.acquire(RateLimiter.Limit.TICKETS, caller.userId());
    }

    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Priority chosen = Priority.fromWireOrMedium(request.priority());
    Ticket ticket = Ticket.open(ticketIds.get(), caller.userId(), subject, chosen, now, levels);
    // Raised, never lowered: what the opening says about its urgency, when that is above the merchant's choice.
    Optional<PriorityDetection.Detection> detected = PriorityDetection.detect(subject, request.message())
        .filter(detection -> detection.priority().compareTo(chosen) > 0);
    if (detected.isPresent()) {
      ticket = ticket.raisedTo(detected.get().priority(), detected.get().reason(), levels);
    }
    Message first = null;
    if (request.message() != null) {
      first = new Message(messageIds.get(), ticket.ticketId(), caller.userId(), caller.senderType(), request.message(), null,
          now, false, false, false, false, files);
      // A new ticket is open whoever writes its first message.
      ticket = ticket.with(new TicketChange(first, TicketStatus.OPEN, now, false));
    }
    tickets.create(ticket, first);
    return new TicketCreated(ticket, first);
  }
}
