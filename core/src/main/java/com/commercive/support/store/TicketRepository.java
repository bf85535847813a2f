package com.commercive.support.store;

import com.commercive.support.domain.Message;
import com.commercive.support.domain.Ticket;
import com.commercive.support.domain.TicketChange;
import com.commercive.support.domain.TicketStatus;
import java.util.Optional;

/** Tickets and their messages. Every method is a constant number of store calls. */
public interface TicketRepository {

  /** Stores a new ticket and, when given, its first message, atomically. */
  void create(Ticket ticket, Message firstMessage);

  Optional<Ticket> find(String ticketId);

  /**
   * Atomically stores the change's message (if any) and applies the change to the ticket:
   * {@code updated_at}, status, last-message preview and an incremented message count. Returns the
   * ticket as stored afterwards (which includes concurrent posts that landed in between).
   *
   * @throws com.commercive.support.domain.NotFoundException the ticket no longer exists
   * @throws com.commercive.support.domain.ConflictException a close-only change on a closed ticket
   * @throws com.commercive.support.domain.DuplicateMessageException the change's message id is
   *     already stored (a redelivered job): nothing was written
   */
  Ticket apply(Ticket current, TicketChange change);

  /** The user's tickets, newest first, optionally only those with {@code status}. */
  Page<Ticket> listByUser(String userId, TicketStatus status, int limit, String after);

  /** Every ticket, most recently updated first, optionally only those with {@code status}. */
  Page<Ticket> listAll(TicketStatus status, int limit, String after);

  Optional<Message> findMessage(String messageId);

  /** A ticket's messages, oldest first. */
  Page<Message> listMessages(String ticketId, int limit, String after);

  /** A ticket's {@code count} newest messages, oldest first: the context for the assistant. */
  java.util.List<Message> recentMessages(String ticketId, int count);
}
