package com.commercive.support.service;

import com.commercive.support.domain.Caller;
import com.commercive.support.domain.ForbiddenException;
import com.commercive.support.domain.Message;
import com.commercive.support.domain.SenderType;
import com.commercive.support.domain.Ticket;
import com.commercive.support.domain.TicketStatus;
import com.commercive.support.domain.User;
import com.commercive.support.domain.ValidationException;
import com.commercive.support.store.Page;
import com.commercive.support.store.TicketRepository;
import com.commercive.support.store.UserDirectory;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Reading tickets: one, a merchant's own, the team's inbox, and a ticket's thread. */
public final class ReadTickets {
  public static final int TICKETS_DEFAULT_LIMIT = 20;
  public static final int TICKETS_MAX_LIMIT = 100;
  public static final int MESSAGES_DEFAULT_LIMIT = 50;
  public static final int MESSAGES_MAX_LIMIT = 200;
  public static final String ASSISTANT_NAME = "Commercive Assistant";

  private static final Pattern AGENT_ID = Pattern.compile("[A-Za-z0-9_.@|:-]{1,128}");
  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,9}");

  private final TicketAccess access;
  private final TicketRepository tickets;
  private final UserDirectory users;
  private final CursorCodec cursors;

  public ReadTickets(TicketAccess access, TicketRepository tickets, UserDirectory users, CursorCodec cursors) {
    this.access = access;
    this.tickets = tickets;
    this.users = users;
    this.cursors = cursors;
  }

  public record ListQuery(String status, String limit, String cursor, String assignee) {
    public ListQuery(String status, String limit, String cursor) {
      this(status, limit, cursor, null);
    }
  }

  public record TicketList(List<Ticket> tickets, String nextCursor) {}

  /** A message with its sender's name and email from the users table (null when unknown). */
  public record MessageView(Message message, String senderName, String senderEmail) {}

  public record Conversation(Ticket ticket, List<MessageView> messages, String nextCursor) {}

  public Ticket get(Caller caller, String ticketId) {
    return access.ticket(caller, ticketId);
  }

  public TicketList listOwn(Caller caller, ListQuery query) {
    TicketStatus status = status(query.status());
    int limit = limit(query.limit(), TICKETS_DEFAULT_LIMIT, TICKETS_MAX_LIMIT);
    String scope = scope(caller, "tickets.own", query.status());
    Page<Ticket> page = tickets.listByUser(caller.userId(), status, limit, cursors.open(scope, query.cursor()));
    return new TicketList(page.items(), cursors.seal(scope, page.next()));
  }

  public TicketList listAll(Caller caller, ListQuery query) {
    if (!caller.admin()) {
      throw new ForbiddenException("only the support team can list every ticket");
    }
    TicketStatus status = status(query.status());
    int limit = limit(query.limit(), TICKETS_DEFAULT_LIMIT, TICKETS_MAX_LIMIT);
    Optional<String> assignee = assignee(caller, query.assignee());
    String scope = scope(caller, "tickets.all", query.status() + "\n" + assignee);
    Page<Ticket> page = tickets.listAll(status, assignee, limit, cursors.open(scope, query.cursor()));
    return new TicketList(page.items(), cursors.seal(scope, page.next()));
  }

  public Conversation conversation(Caller caller, String ticketId, ListQuery query) {
    int limit = limit(query.limit(), MESSAGES_DEFAULT_LIMIT, MESSAGES_MAX_LIMIT);
    Ticket ticket = access.ticket(caller, ticketId);
    String scope = scope(caller, "messages", ticket.ticketId());
    Page<Message> page =
        tickets.listMessages(ticket.ticketId(), limit, cursors.open(scope, query.cursor()), caller.admin());

    Set<String> senderIds = new LinkedHashSet<>();
    for (Message message : page.items()) {
      if (message.senderType() != SenderType.AI) {
        senderIds.add(message.senderId());
      }
    }
    Map<String, User> senders = senderIds.isEmpty() ? Map.of() : users.findAll(senderIds);
    List<MessageView> views = new ArrayList<>(page.items().size());
    for (Message message : page.items()) {
      if (message.senderType() == SenderType.AI) {
        views.add(new MessageView(message, ASSISTANT_NAME, null));
      } else {
        User sender = senders.get(message.senderId());
        views.add(new MessageView(message, sender == null ? null : sender.name(),
            sender == null ? null : sender.email()));
      }
    }
    return new Conversation(ticket, views, cursors.seal(scope, page.next()));
  }

  /** The inbox's {@code assignee} filter: null for any, empty for {@code none}, the caller for {@code me}. */
  private static Optional<String> assignee(Caller caller, String raw) {
    if (raw == null) {
      return null;
    }
    if (raw.equals("none")) {
      return Optional.empty();
    }
    if (raw.equals("me")) {
      return Optional.of(caller.userId());
    }
    if (!AGENT_ID.matcher(raw).matches()) {
      throw ValidationException.of("assignee", "must be me, none or an agent's id");
    }
    return Optional.of(raw);
  }

  private static String scope(Caller caller, String query, String parameter) {
    return caller.userId() + '\n' + query + '\n' + (parameter == null ? "" : parameter);
  }

  private static TicketStatus status(String raw) {
    if (raw == null) {
      return null;
    }
    return TicketStatus.fromWire(raw)
        .orElseThrow(() -> ValidationException.of("status", "must be one of open, pending, closed"));
  }

  private static int limit(String raw, int defaultLimit, int max) {
    if (raw == null) {
      return defaultLimit;
    }
    if (!DIGITS.matcher(raw).matches()) {
      throw ValidationException.of("limit", "must be a whole number from 1 to " + max);
    }
    int limit = Integer.parseInt(raw);
    if (limit < 1 || limit > max) {
      throw ValidationException.of("limit", "must be a whole number from 1 to " + max);
    }
    return limit;
  }
}
