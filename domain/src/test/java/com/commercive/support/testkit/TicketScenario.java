package com.commercive.support.testkit;

import com.commercive.support.domain.Message;
import com.commercive.support.domain.Priority;
import com.commercive.support.domain.SenderType;
import com.commercive.support.domain.Ticket;
import com.commercive.support.domain.TicketChange;
import com.commercive.support.domain.TicketStatus;
import com.commercive.support.fakes.InMemoryTicketRepository;
import com.commercive.support.fakes.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A merchant's tickets in memory, on a clock the test moves: what the pipeline's use-case tests
 * (routing, auto-replies, notifications) start from. Each posted message is a second later.
 */
public abstract class TicketScenario {
  protected final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
  protected final InMemoryTicketRepository repository = new InMemoryTicketRepository();
  private int sequence;

  /** A new ticket of user-1's, with a subject that carries markup and a header injection. */
  protected Ticket ticket() {
    Ticket ticket = Ticket.open("t-" + (++sequence), "user-1", "Products <missing>\r\nBcc: x@evil", Priority.HIGH,
        clock.instant());
    repository.put(ticket);
    return ticket;
  }

  /** Stores a message from {@code sender} on the ticket, as the API would. */
  protected Message post(Ticket ticket, SenderType sender, String text) {
    clock.advance(Duration.ofSeconds(1));
    Message message = new Message("m-" + String.format("%04d", ++sequence), ticket.ticketId(),
        sender == SenderType.USER ? "user-1" : "admin-1", sender, text, null, clock.instant());
    Ticket current = repository.find(ticket.ticketId()).orElseThrow();
    repository.apply(current, new TicketChange(message,
        sender == SenderType.USER ? TicketStatus.OPEN : current.status(), clock.instant(),
        sender == SenderType.ADMIN));
    return message;
  }

  protected List<Message> aiMessages(Ticket ticket) {
    return repository.allMessages().stream()
        .filter(m -> m.ticketId().equals(ticket.ticketId()) && m.senderType() == SenderType.AI).toList();
  }
}
