package com.commercive.support.realtime;

import com.commercive.support.domain.Attachment;
import com.commercive.support.domain.Message;
import com.commercive.support.domain.SenderType;
import com.commercive.support.domain.Ticket;
import com.commercive.support.domain.User;
import com.commercive.support.service.ReadTickets;
import com.commercive.support.service.ReadTickets.MessageView;
import com.commercive.support.store.ConnectionPusher;
import com.commercive.support.store.RealtimeStore;
import com.commercive.support.store.UserDirectory;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Turns what happened to a ticket into events for the connections allowed to see them: those
 * following the ticket (its owner, the team) and the team members following the inbox. Internal
 * notes reach only the team. A connection that is gone is forgotten on the spot. Delivery is at
 * most once: a client that reconnects reads the REST thread.
 */
public final class LiveUpdates {
  private final RealtimeStore store;
  private final ConnectionPusher pusher;
  private final UserDirectory users;
  private final Clock clock;
  private final Supplier<String> ids;

  public LiveUpdates(RealtimeStore store, ConnectionPusher pusher, UserDirectory users, Clock clock,
      Supplier<String> ids) {
    this.store = store;
    this.pusher = pusher;
    this.users = users;
    this.clock = clock;
    this.ids = ids;
  }

  /**
   * How many connections got the event, how many were gone (and are forgotten), and how many
   * could not be reached this time (not retried: delivery is at most once).
   */
  public record Delivery(int delivered, int gone, int failed) {}

  /** A message was added: its thread's readers get it as the REST thread shows it. */
  public Delivery messageCreated(Message message) {
    MessageView view;
    if (message.senderType() == SenderType.AI) {
      view = new MessageView(message, ReadTickets.ASSISTANT_NAME, null);
    } else {
      Optional<User> sender = Optional.ofNullable(users.findAll(java.util.List.of(message.senderId()))
          .get(message.senderId()));
      view = new MessageView(message, sender.map(User::name).orElse(null), sender.map(User::email).orElse(null));
    }
    LiveEvent event = new LiveEvent.MessageCreated(ids.get(), now(), message.ticketId(), view);
    return send(message.ticketId(), event, message.internal() ? Connection::admin : c -> true);
  }

  public Delivery ticketUpdated(Ticket ticket) {
    return send(ticket.ticketId(), new LiveEvent.TicketUpdated(ids.get(), now(), ticket, false), c -> true);
  }

  /** The assistant started on the ticket's question. */
  public Delivery assistantTyping(String ticketId) {
    return send(ticketId, new LiveEvent.AssistantTyping(ids.get(), now(), ticketId), c -> true);
  }

  /** A file's check ended: its uploader and the team learn how. */
  public Delivery attachmentUpdated(Attachment attachment) {
    return send(attachment.ticketId(), new LiveEvent.AttachmentUpdated(ids.get(), now(), attachment.ticketId(),
        attachment), c -> c.admin() || c.userId().equals(attachment.uploaderId()));
  }

  private Delivery send(String ticketId, LiveEvent event, Predicate<Connection> mayReceive) {
    // A connection following both the ticket and the inbox gets the event once.
    Map<String, Connection> audience = new LinkedHashMap<>();
    for (Connection c : store.subscribers(Topic.ticket(ticketId))) {
      audience.putIfAbsent(c.connectionId(), c);
    }
    for (Connection c : store.subscribers(Topic.inbox())) {
      if (c.admin()) {
        audience.putIfAbsent(c.connectionId(), c);
      }
    }
    int delivered = 0;
    int gone = 0;
    int failed = 0;
    for (Connection connection : audience.values()) {
      if (!mayReceive.test(connection)) {
        continue;
      }
      switch (pusher.push(connection.connectionId(), connection.admin() ? event.forTeam() : event)) {
        case DELIVERED -> delivered++;
        case GONE -> {
          store.disconnect(connection.connectionId());
          gone++;
        }
        case FAILED -> failed++;
        default -> throw new IllegalStateException("unknown push result");
      }
    }
    return new Delivery(delivered, gone, failed);
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
