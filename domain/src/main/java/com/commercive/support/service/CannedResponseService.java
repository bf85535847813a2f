package com.commercive.support.service;

import com.commercive.support.domain.CannedResponse;
import com.commercive.support.domain.Caller;
import com.commercive.support.domain.FieldError;
import com.commercive.support.domain.ForbiddenException;
import com.commercive.support.domain.NotFoundException;
import com.commercive.support.domain.Template;
import com.commercive.support.domain.Ticket;
import com.commercive.support.domain.User;
import com.commercive.support.domain.ValidationException;
import com.commercive.support.service.PostMessage.MessagePosted;
import com.commercive.support.service.PostMessage.NewMessage;
import com.commercive.support.store.CannedResponseStore;
import com.commercive.support.store.UserDirectory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The support team's canned responses: kept (admins only), checked when saved (a variable that
 * does not exist is refused then, not discovered by a merchant), and filled from the ticket, its
 * owner and the agent when posted.
 */
public final class CannedResponseService {
  public static final int TITLE_MAX = 100;
  public static final int BODY_MAX = 10_000;
  private static final Pattern SHORTCUT = Pattern.compile("[a-z0-9-]{1,30}");
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

  private final CannedResponseStore store;
  private final TicketAccess access;
  private final PostMessage messages;
  private final UserDirectory users;
  private final Clock clock;
  private final Supplier<String> ids;

  public CannedResponseService(
      CannedResponseStore store, TicketAccess access, PostMessage messages, UserDirectory users, Clock clock,
      Supplier<String> ids) {
    this.store = store;
    this.access = access;
    this.messages = messages;
    this.users = users;
    this.clock = clock;
    this.ids = ids;
  }

  /** A canned response as sent: each field null when absent. */
  public record Draft(String title, String body, String shortcut) {}

  public List<CannedResponse> list(Caller caller) {
    requireAdmin(caller);
    return store.list();
  }

  public CannedResponse create(Caller caller, Draft draft) {
    requireAdmin(caller);
    check(draft);
    var now = clock.instant();
    CannedResponse created = new CannedResponse(ids.get(), draft.title().strip(), draft.body(), draft.shortcut(), now, now);
    store.create(created);
    return created;
  }

  public CannedResponse replace(Caller caller, String id, Draft draft) {
    requireAdmin(caller);
    check(draft);
    CannedResponse previous = existing(id);
    CannedResponse next = new CannedResponse(previous.cannedResponseId(), draft.title().strip(), draft.body(),
        draft.shortcut(), previous.createdAt(), clock.instant());
    store.replace(previous, next);
    return next;
  }

  public void delete(Caller caller, String id) {
    requireAdmin(caller);
    store.delete(existing(id));
  }

  /**
   * Posts a canned response to a ticket as the caller's message, its variables filled: the
   * customer's name and email from the users table, the agent's name from it too, else from the
   * caller's token; a value nobody knows is left empty.
   */
  public MessagePosted post(Caller caller, String ticketId, String cannedResponseId, NewMessage rest) {
    requireAdmin(caller);
    CannedResponse response = cannedResponseId != null && ID.matcher(cannedResponseId).matches()
        ? store.find(cannedResponseId).orElse(null) : null;
    if (response == null) {
      throw ValidationException.of("canned_response_id", "no canned response has this id");
    }
    Ticket ticket = access.ticket(caller, ticketId);
    Map<String, User> known = users.findAll(List.of(ticket.userId(), caller.userId()));
    User owner = known.get(ticket.userId());
    User agent = known.get(caller.userId());
    Map<String, String> values = new HashMap<>();
    values.put("customer_name", owner == null ? null : owner.name());
    values.put("customer_email", owner == null ? null : owner.email());
    values.put("ticket_subject", ticket.subject());
    values.put("ticket_id", ticket.ticketId());
    values.put("agent_name", agent != null && agent.name() != null ? agent.name() : caller.name());
    String text = Template.fill(response.body(), values);
    return messages.post(caller, ticketId, rest.withMessage(text));
  }

  private CannedResponse existing(String id) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new NotFoundException("canned response not found");
    }
    return store.find(id).orElseThrow(() -> new NotFoundException("canned response not found"));
  }

  private static void check(Draft draft) {
    List<FieldError> errors = new ArrayList<>();
    String title = draft.title() == null ? null : draft.title().strip();
    if (title == null || title.isEmpty()) {
      errors.add(new FieldError("title", "is required"));
    } else {
      TextRules.checkTitle("title", title, errors);
      if (TextRules.length(title) > TITLE_MAX) {
        errors.add(new FieldError("title", "must be at most " + TITLE_MAX + " characters"));
      }
    }
    if (draft.body() == null) {
      errors.add(new FieldError("body", "is required"));
    } else {
      TextRules.checkMessage("body", draft.body(), BODY_MAX, errors);
      Set<String> unknown = Template.unknownVariables(draft.body());
      if (!unknown.isEmpty()) {
        errors.add(new FieldError("body", "unknown variable {{" + String.join("}}, {{", unknown) + "}}; the variables are {{"
            + String.join("}}, {{", Template.VARIABLES) + "}}"));
      }
    }
    if (draft.shortcut() != null && !SHORTCUT.matcher(draft.shortcut()).matches()) {
      errors.add(new FieldError("shortcut", "must be 1 to 30 of a-z, 0-9 and -"));
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
  }

  private static void requireAdmin(Caller caller) {
    if (!caller.admin()) {
      throw new ForbiddenException("only the support team manages canned responses");
    }
  }
}
