package com.commercive.support.service;

import com.commercive.support.domain.AgentAtCapacityException;
import com.commercive.support.domain.AttachedFile;
import com.commercive.support.domain.DuplicateMessageException;
import com.commercive.support.domain.Message;
import com.commercive.support.domain.NotFoundException;
import com.commercive.support.domain.SenderType;
import com.commercive.support.domain.Ticket;
import com.commercive.support.domain.ServiceLevels;
import com.commercive.support.domain.TicketChange;
import com.commercive.support.domain.TicketStatus;
import com.commercive.support.store.TicketRepository;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The one way a message is put on a ticket, whoever sends it (the API, the AI worker, a reply by
 * email): the message and the ticket's change are written together, derived from the ticket as
 * stored when the write lands. Its id is the caller's, so an input delivered twice (a redelivered
 * job, the same email) appends once: the second time it is reported as already there.
 */
public final class AppendMessage {
  private final TicketRepository tickets;
  private final ServiceLevels levels;
  private final Clock clock;

  /** {@code levels}: the service levels each append runs the ticket's clocks on. */
  public AppendMessage(TicketRepository tickets, ServiceLevels levels, Clock clock) {
    this.levels = levels;
    this.tickets = tickets;
    this.clock = clock;
  }

  /**
   * A message to append: its id (the caller's, stable across redeliveries), its sender, its text
   * and files, whether it closes the ticket (the team's), and for the assistant's messages whether
   * it hands off to a person and was shown in the app. {@code internal}: a note of the team, which
   * changes nothing on the ticket its owner sees.
   */
  public record Draft(String messageId, String senderId, SenderType senderType, String text, String attachmentUrl,
      List<AttachedFile> files, boolean closeTicket, boolean internal, boolean handoff, boolean shownInApp) {
    public Draft {
      Objects.requireNonNull(messageId, "messageId");
      files = files == null ? List.of() : List.copyOf(files);
    }

    /** A public message from a merchant or an agent. */
    public static Draft of(String messageId, String senderId, SenderType senderType, String text,
        String attachmentUrl, List<AttachedFile> files, boolean closeTicket) {
      return new Draft(messageId, senderId, senderType, text, attachmentUrl, files, closeTicket, false, false, false);
    }

    /** A note of the support team's. */
    public static Draft note(String messageId, String adminId, String text, String attachmentUrl,
        List<AttachedFile> files) {
      return new Draft(messageId, adminId, SenderType.ADMIN, text, attachmentUrl, files, false, true, false, false);
    }

    /** The assistant's reply. */
    public static Draft assistant(String messageId, String assistantId, String text, boolean handoff,
        boolean shownInApp) {
      return new Draft(messageId, assistantId, SenderType.AI, text, null, List.of(), false, false, handoff,
          shownInApp);
    }

    Message at(Ticket ticket, Instant createdAt) {
      boolean closes = closeTicket && ticket.status() != TicketStatus.CLOSED;
      return new Message(messageId, ticket.ticketId(), senderId, senderType, text, attachmentUrl, createdAt, handoff,
          shownInApp, closes, internal, files);
    }
  }

  /**
   * Why a draft is not to be appended to the ticket as it now stands (empty: append). Asked again
   * each time the write is derived anew; it must have no side effects.
   */
  @FunctionalInterface
  public interface Guard<R> {
    Optional<R> declines(Ticket current);

    static <R> Guard<R> none() {
      return current -> Optional.empty();
    }
  }

  /**
   * What happened: the message and the ticket after it (appended), the message already stored
   * under this id (nothing written: {@code alreadyAppended}), or the guard's reason (nothing
   * written: {@code declined}).
   */
  public record Result<R>(Message message, Ticket ticket, boolean alreadyAppended, R declined) {
    public boolean appended() {
      return !alreadyAppended && declined == null;
    }
  }

  /** Appends {@code draft} to the ticket, whatever its state. */
  public Result<Void> append(String ticketId, Draft draft) {
    return append(ticketId, draft, Guard.none());
  }

  /**
   * Appends {@code draft} unless {@code guard} declines the ticket as stored. A merchant's message
   * that reopens a ticket whose agent has no room left is kept, and the ticket goes back to wait
   * for an agent.
   *
   * @throws com.commercive.support.domain.NotFoundException the ticket does not exist
   */
  public <R> Result<R> append(String ticketId, Draft draft, Guard<R> guard) {
    if (draft.internal()) {
      return note(ticketId, draft);
    }
    try {
      return write(ticketId, draft, guard, false);
    } catch (AgentAtCapacityException full) {
      return write(ticketId, draft, guard, true);
    } catch (DuplicateMessageException alreadyStored) {
      return new Result<>(null, null, true, null);
    }
  }

  private <R> Result<R> write(String ticketId, Draft draft, Guard<R> guard, boolean backToWaiting) {
    @SuppressWarnings("unchecked")
    R[] declined = (R[]) new Object[1];
    Optional<TicketRepository.Applied> applied = tickets.update(ticketId, current -> {
      declined[0] = guard.declines(current).orElse(null);
      if (declined[0] != null) {
        return Optional.empty();
      }
      TicketChange change = current.append(draft.at(current, current.changeAt(now())), draft.closeTicket(), levels);
      return Optional.of(backToWaiting ? change.backToWaiting() : change);
    });
    return applied
        .map(a -> new Result<R>(a.change().message(), a.ticket(), false, null))
        .orElseGet(() -> new Result<>(null, null, false, declined[0]));
  }

  private <R> Result<R> note(String ticketId, Draft draft) {
    Ticket ticket = tickets.find(ticketId).orElseThrow(NotFoundException::ticket);
    Message note = draft.at(ticket, ticket.changeAt(now()));
    try {
      tickets.addNote(note);
    } catch (DuplicateMessageException alreadyStored) {
      return new Result<>(null, ticket, true, null);
    }
    return new Result<>(note, ticket, false, null);
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  /** The service levels its appends run the clocks on, for the other writes of the same use cases. */
  public ServiceLevels levels() {
    return levels;
  }
}
