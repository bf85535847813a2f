package com.commercive.support.store;

import com.commercive.support.domain.Message;
import com.commercive.support.domain.Ticket;
import com.commercive.support.domain.TicketChange;
import com.commercive.support.domain.TicketStatus;
import java.util.Optional;
import java.util.function.Function;

/** Tickets and their messages. Every method is a constant number of store calls. */
public interface TicketRepository {

  /** Stores a new ticket and, when given, its first message, atomically. */
  void create(Ticket ticket, Message firstMessage);

  Optional<Ticket> find(String ticketId);

  /** A change as it was applied, and the ticket as stored afterwards. */
  record Applied(Ticket ticket, TicketChange change) {}

  /**
   * Changes a ticket from its stored state: reads the ticket, asks {@code change} what to do with
   * it (empty: nothing), then writes the change's message (if any) and the ticket derived from
   * that state together, on the condition that the ticket is still the version that was read.
   * When another write landed in between, it reads again and asks again. So no write is based
   * on a stale ticket: a close cannot hide a newer message, an auto-reply cannot reopen a closed
   * ticket. {@code change} may be called several times and must not have side effects; it may
   * throw to refuse the change.
   *
   * @return the change applied and the ticket after it, or empty when {@code change} chose none
   * @throws com.commercive.support.domain.NotFoundException the ticket does not exist
   * @throws com.commercive.support.domain.DuplicateMessageException the change's message id is
   *     already stored (a redelivered job): nothing was written
   */
  Optional<Applied> update(String ticketId, Function<Ticket, Optional<TicketChange>> change);

  /**
   * Stores an internal note on an existing ticket. The ticket itself does not change (its status,
   * counts, preview, update time and version are what its owner sees).
   *
   * @throws com.commercive.support.domain.NotFoundException the ticket does not exist
   * @throws com.commercive.support.domain.DuplicateMessageException the note's id is already stored
   */
  void addNote(Message note);

  /** The user's tickets, newest first, optionally only those with {@code status}. */
  Page<Ticket> listByUser(String userId, TicketStatus status, int limit, String after);

  /**
   * Every ticket, most recently updated first, optionally only those with {@code status} and
   * those of an assignee ({@code assignee}: null for any, empty for unassigned, else the agent's
   * id). Pages are full under every filter.
   */
  Page<Ticket> listAll(TicketStatus status, Optional<String> assignee, int limit, String after);

  /** The tickets waiting for an agent, the longest-waiting first. */
  java.util.List<Ticket> waiting(int limit);

  /**
   * Tickets with a service-level clock or an auto-close due at {@code now} or before, the most
   * overdue first, at most {@code limit} of each of the index's few partitions: read from the
   * sparse index of running clocks, never by a scan.
   */
  java.util.List<Ticket> dueBy(java.time.Instant now, int limit);

  Optional<Message> findMessage(String messageId);

  /** A ticket's messages, oldest first, with its internal notes only when {@code withNotes}; pages are full either way. */
  Page<Message> listMessages(String ticketId, int limit, String after, boolean withNotes);

  /**
   * A ticket's {@code count} newest public messages, oldest first: the context for the assistant
   * and for emails. Internal notes are never among them.
   */
  java.util.List<Message> recentMessages(String ticketId, int count);
}
