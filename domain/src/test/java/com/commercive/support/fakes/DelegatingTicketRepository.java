package com.commercive.support.fakes;

import com.commercive.support.domain.Message;
import com.commercive.support.domain.Ticket;
import com.commercive.support.domain.TicketChange;
import com.commercive.support.domain.TicketStatus;
import com.commercive.support.store.Page;
import com.commercive.support.store.TicketRepository;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** A repository that passes every call on: tests override the one call whose failure they stage. */
public abstract class DelegatingTicketRepository implements TicketRepository {
  protected final TicketRepository delegate;

  protected DelegatingTicketRepository(TicketRepository delegate) {
    this.delegate = delegate;
  }

  @Override
  public void create(Ticket ticket, Message firstMessage) {
    delegate.create(ticket, firstMessage);
  }

  @Override
  public Optional<Ticket> find(String ticketId) {
    return delegate.find(ticketId);
  }

  @Override
  public Optional<Applied> update(String ticketId, Function<Ticket, Optional<TicketChange>> change) {
    return delegate.update(ticketId, change);
  }

  @Override
  public void addNote(Message note) {
    delegate.addNote(note);
  }

  @Override
  public Page<Ticket> listByUser(String userId, TicketStatus status, int limit, String after) {
    return delegate.listByUser(userId, status, limit, after);
  }

  @Override
  public Page<Ticket> listAll(TicketStatus status, Optional<String> assignee, int limit, String after) {
    return delegate.listAll(status, assignee, limit, after);
  }

  @Override
  public List<Ticket> waiting(int limit) {
    return delegate.waiting(limit);
  }

  @Override
  public List<Ticket> dueBy(java.time.Instant now, int limit) {
    return delegate.dueBy(now, limit);
  }

  @Override
  public Optional<Message> findMessage(String messageId) {
    return delegate.findMessage(messageId);
  }

  @Override
  public Page<Message> listMessages(String ticketId, int limit, String after, boolean withNotes) {
    return delegate.listMessages(ticketId, limit, after, withNotes);
  }

  @Override
  public List<Message> recentMessages(String ticketId, int count) {
    return delegate.recentMessages(ticketId, count);
  }
}
