package com.commercive.support.fakes;

import com.commercive.support.domain.DuplicateMessageException;
import com.commercive.support.domain.Message;
import com.commercive.support.domain.NotFoundException;
import com.commercive.support.domain.Ticket;
import com.commercive.support.domain.TicketChange;
import com.commercive.support.domain.TicketStatus;
import com.commercive.support.store.Page;
import com.commercive.support.store.TicketRepository;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/** A ticket store in memory with the same contract as the DynamoDB one, for unit tests. */
public final class InMemoryTicketRepository implements TicketRepository {
  private final Map<String, Ticket> tickets = new LinkedHashMap<>();
  private final Map<String, Message> messages = new LinkedHashMap<>();
  private final InMemoryAttachmentStore attachments;
  private int calls;

  public InMemoryTicketRepository() {
    this(new InMemoryAttachmentStore());
  }

  /** A ticket store whose messages attach files of {@code attachments} in their own write. */
  public InMemoryTicketRepository(InMemoryAttachmentStore attachments) {
    this.attachments = attachments;
  }

  @Override
  public synchronized void create(Ticket ticket, Message firstMessage) {
    calls++;
    if (tickets.containsKey(ticket.ticketId())) {
      throw new IllegalStateException("duplicate ticket id");
    }
    if (firstMessage != null) {
      attachments.attach(firstMessage);
    }
    tickets.put(ticket.ticketId(), ticket);
    if (firstMessage != null) {
      messages.put(firstMessage.messageId(), firstMessage);
    }
  }

  @Override
  public synchronized Optional<Ticket> find(String ticketId) {
    calls++;
    return Optional.ofNullable(tickets.get(ticketId));
  }

  @Override
  public synchronized Optional<Applied> update(
      String ticketId, java.util.function.Function<Ticket, Optional<TicketChange>> change) {
    calls++;
    Ticket stored = tickets.get(ticketId);
    if (stored == null) {
      throw NotFoundException.ticket();
    }
    Optional<TicketChange> derived = change.apply(stored);
    if (derived.isEmpty()) {
      return Optional.empty();
    }
    Message message = derived.get().message();
    if (message != null && messages.containsKey(message.messageId())) {
      throw new com.commercive.support.domain.DuplicateMessageException(message.messageId());
    }
    if (message != null) {
      attachments.attach(message);
    }
    Ticket updated = stored.with(derived.get());
    tickets.put(updated.ticketId(), updated);
    if (message != null) {
      messages.put(message.messageId(), message);
    }
    return Optional.of(new Applied(updated, derived.get()));
  }

  /** Test set-up: a fixed change applied to the stored ticket. */
  public Ticket apply(Ticket current, TicketChange change) {
    return update(current.ticketId(), stored -> Optional.of(change)).orElseThrow().ticket();
  }

  @Override
  public synchronized Page<Ticket> listByUser(
      String userId, TicketStatus status, int limit, String after) {
    calls++;
    return page(
        tickets.values(),
        t -> t.userId().equals(userId) && (status == null || t.status() == status),
        Comparator.comparing(Ticket::createdAt).thenComparing(Ticket::ticketId).reversed(),
        Ticket::ticketId,
        limit,
        after);
  }

  @Override
  public synchronized Page<Ticket> listAll(TicketStatus status, Optional<String> assignee, int limit, String after) {
    calls++;
    return page(
        tickets.values(),
        t -> (status == null || t.status() == status) && (assignee == null
            || Objects.equals(assignee.orElse(null), t.assignee() == null ? null : t.assignee().agentId())),
        Comparator.comparing(Ticket::updatedAt).thenComparing(Ticket::ticketId).reversed(),
        Ticket::ticketId,
        limit,
        after);
  }

  @Override
  public synchronized Page<Message> listMessages(String ticketId, int limit, String after, boolean withNotes) {
    calls++;
    return page(
        messages.values(),
        m -> m.ticketId().equals(ticketId) && (withNotes || !m.internal()),
        Comparator.comparing(Message::createdAt).thenComparing(Message::messageId),
        Message::messageId,
        limit,
        after);
  }

  @Override
  public synchronized List<Ticket> waiting(int limit) {
    calls++;
    return tickets.values().stream().filter(t -> t.waitingSince() != null)
        .sorted(Comparator.comparing(Ticket::waitingSince).thenComparing(Ticket::ticketId)).limit(limit).toList();
  }

  @Override
  public synchronized List<Ticket> dueBy(java.time.Instant now, int limit) {
    calls++;
    return tickets.values().stream()
        .filter(t -> t.sla().nextDueAt(t.status()) != null && !t.sla().nextDueAt(t.status()).isAfter(now))
        .sorted(Comparator.comparing((Ticket t) -> t.sla().nextDueAt(t.status())).thenComparing(Ticket::ticketId))
        .limit(limit).toList();
  }

  @Override
  public synchronized void addNote(Message note) {
    calls++;
    if (!tickets.containsKey(note.ticketId())) {
      throw NotFoundException.ticket();
    }
    if (messages.containsKey(note.messageId())) {
      throw new DuplicateMessageException(note.messageId());
    }
    attachments.attach(note);
    messages.put(note.messageId(), note);
  }

  @Override
  public synchronized Optional<Message> findMessage(String messageId) {
    calls++;
    return Optional.ofNullable(messages.get(messageId));
  }

  @Override
  public synchronized List<Message> recentMessages(String ticketId, int count) {
    calls++;
    List<Message> thread = new ArrayList<>();
    for (Message m : messages.values()) {
      if (m.ticketId().equals(ticketId) && !m.internal()) {
        thread.add(m);
      }
    }
    thread.sort(Comparator.comparing(Message::createdAt).thenComparing(Message::messageId));
    return List.copyOf(thread.subList(Math.max(0, thread.size() - count), thread.size()));
  }

  /** How many store calls were made, to check that a use case stays constant. */
  public synchronized int calls() {
    return calls;
  }

  public synchronized List<Message> allMessages() {
    return List.copyOf(messages.values());
  }

  public synchronized void put(Ticket ticket) {
    tickets.put(ticket.ticketId(), ticket);
  }

  private static <T> Page<T> page(
      Iterable<T> all,
      Predicate<T> filter,
      Comparator<T> order,
      Function<T, String> id,
      int limit,
      String after) {
    List<T> matching = new ArrayList<>();
    all.forEach(t -> {
      if (filter.test(t)) {
        matching.add(t);
      }
    });
    matching.sort(order);
    int start = 0;
    if (after != null) {
      start = -1;
      for (int i = 0; i < matching.size(); i++) {
        if (id.apply(matching.get(i)).equals(after)) {
          start = i + 1;
        }
      }
      if (start < 0) {
        throw new IllegalArgumentException("unknown token " + after);
      }
    }
    int end = Math.min(matching.size(), start + limit);
    List<T> items = matching.subList(start, end);
    String next = end < matching.size() ? id.apply(items.get(items.size() - 1)) : null;
    return new Page<>(items, next);
  }
}
