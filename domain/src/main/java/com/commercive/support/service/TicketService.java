package com.commercive.support.service;

import com.commercive.support.domain.Agent;
import com.commercive.support.domain.AgentAtCapacityException;
import com.commercive.support.domain.Assignee;
import com.commercive.support.domain.AttachedFile;
import com.commercive.support.domain.Attachment;
import com.commercive.support.domain.AttachmentUnavailableException;
import com.commercive.support.domain.Caller;
import com.commercive.support.domain.ConflictException;
import com.commercive.support.domain.FieldError;
import com.commercive.support.domain.ForbiddenException;
import com.commercive.support.domain.Message;
import com.commercive.support.domain.NotFoundException;
import com.commercive.support.domain.Priority;
import com.commercive.support.domain.PrioritySource;
import com.commercive.support.domain.SenderType;
import com.commercive.support.domain.StatusRules;
import com.commercive.support.domain.Ticket;
import com.commercive.support.domain.TicketChange;
import com.commercive.support.domain.TicketStatus;
import com.commercive.support.domain.User;
import com.commercive.support.domain.ValidationException;
import com.commercive.support.domain.VersionMismatchException;
import com.commercive.support.store.AgentRoster;
import com.commercive.support.store.AttachmentStore;
import com.commercive.support.store.Page;
import com.commercive.support.store.TicketRepository;
import com.commercive.support.store.UserDirectory;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The help desk's use cases: validation, authorisation and the status rules, independent of
 * HTTP and of the store behind the ports.
 */
public final class TicketService {
  // Longer than most: the use cases on a ticket (open, list, read, post, note, close, edit,
  // assign) share their authorisation, validation and status rules, which a split would repeat.
  public static final int SUBJECT_MIN = 5;
  public static final int SUBJECT_MAX = 200;
  public static final int MESSAGE_MAX = 10_000;
  public static final int ATTACHMENT_URL_MAX = 2_048;
  public static final int MAX_ATTACHMENTS = 10;
  public static final int TICKETS_DEFAULT_LIMIT = 20;
  public static final int TICKETS_MAX_LIMIT = 100;
  public static final int MESSAGES_DEFAULT_LIMIT = 50;
  public static final int MESSAGES_MAX_LIMIT = 200;
  public static final String ASSISTANT_NAME = "Commercive Assistant";

  private static final Pattern TICKET_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");
  private static final Pattern AGENT_ID = Pattern.compile("[A-Za-z0-9_.@|:-]{1,128}");
  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,9}");

  private final AgentRoster roster;
  private final TicketRepository tickets;
  private final UserDirectory users;
  private final CursorCodec cursors;
  private final Clock clock;
  private final Supplier<String> ids;
  private final List<String> attachmentUrlPrefixes;
  private final RateLimiter limits;
  private final AttachmentStore attachments;

  public TicketService(
      TicketRepository tickets,
      UserDirectory users,
      CursorCodec cursors,
      Clock clock,
      Supplier<String> ids,
      List<String> attachmentUrlPrefixes) {
    this(tickets, users, cursors, clock, ids, attachmentUrlPrefixes, RateLimiter.unlimited());
  }

  public TicketService(
      TicketRepository tickets,
      UserDirectory users,
      CursorCodec cursors,
      Clock clock,
      Supplier<String> ids,
      List<String> attachmentUrlPrefixes,
      RateLimiter limits) {
    this(tickets, users, cursors, clock, ids, attachmentUrlPrefixes, limits, AgentRoster.empty());
  }

  public TicketService(
      TicketRepository tickets,
      UserDirectory users,
      CursorCodec cursors,
      Clock clock,
      Supplier<String> ids,
      List<String> attachmentUrlPrefixes,
      RateLimiter limits,
      AgentRoster roster) {
    this(tickets, users, cursors, clock, ids, attachmentUrlPrefixes, limits, roster, AttachmentStore.none());
  }

  public TicketService(
      TicketRepository tickets,
      UserDirectory users,
      CursorCodec cursors,
      Clock clock,
      Supplier<String> ids,
      List<String> attachmentUrlPrefixes,
      RateLimiter limits,
      AgentRoster roster,
      AttachmentStore attachments) {
    this.roster = roster;
    this.attachments = attachments;
    this.tickets = tickets;
    this.limits = limits;
    this.users = users;
    this.cursors = cursors;
    this.clock = clock;
    this.ids = ids;
    this.attachmentUrlPrefixes = List.copyOf(attachmentUrlPrefixes);
  }

  /** A new ticket as sent; {@code priority} is the text sent (null when absent or not text). */
  public record NewTicket(String subject, String priority, String message) {}

  /**
   * A message as sent: its text (null: none; then it closes the ticket or carries files), an
   * attachment URL, whether it closes the ticket, whether it is an internal note, the canned
   * response to fill in (admins), and the ids of uploaded files to attach (null: none).
   */
  public record NewMessage(String message, String attachmentUrl, boolean closeTicket, boolean internal,
      String cannedResponseId, List<String> attachmentIds) {
    public NewMessage(String message, String attachmentUrl, boolean closeTicket) {
      this(message, attachmentUrl, closeTicket, false, null, null);
    }

    public NewMessage(String message, String attachmentUrl, boolean closeTicket, boolean internal) {
      this(message, attachmentUrl, closeTicket, internal, null, null);
    }

    public NewMessage(String message, String attachmentUrl, boolean closeTicket, boolean internal,
        String cannedResponseId) {
      this(message, attachmentUrl, closeTicket, internal, cannedResponseId, null);
    }

    /** The same post with {@code text} as its message (a canned response filled in). */
    public NewMessage withMessage(String text) {
      return new NewMessage(text, attachmentUrl, closeTicket, internal, null, attachmentIds);
    }

    boolean hasFiles() {
      return attachmentIds != null;
    }
  }

  public record ListQuery(String status, String limit, String cursor, String assignee) {
    public ListQuery(String status, String limit, String cursor) {
      this(status, limit, cursor, null);
    }
  }

  /**
   * An edit of a ticket's own fields as sent, each null when absent; {@code assigneeId} empty
   * means "unassign".
   */
  public record TicketUpdate(String status, String priority, Optional<String> assigneeId) {
    public TicketUpdate(String status, String priority) {
      this(status, priority, null);
    }
  }

  public record TicketCreated(Ticket ticket, Message message) {}

  public record MessagePosted(Message message, Ticket ticket) {}

  public record TicketList(List<Ticket> tickets, String nextCursor) {}

  /** A message with its sender's name and email from the users table (null when unknown). */
  public record MessageView(Message message, String senderName, String senderEmail) {}

  public record Conversation(Ticket ticket, List<MessageView> messages, String nextCursor) {}

  public TicketCreated create(Caller caller, NewTicket request) {
    List<FieldError> errors = new ArrayList<>();
    String subject = request.subject() == null ? null : request.subject().strip();
    if (subject == null || subject.isEmpty()) {
      errors.add(new FieldError("subject", "is required"));
    } else {
      TextRules.checkTitle("subject", subject, errors);
      int length = TextRules.length(subject);
      if (length < SUBJECT_MIN) {
        errors.add(new FieldError("subject", "must be at least " + SUBJECT_MIN + " characters"));
      } else if (length > SUBJECT_MAX) {
        errors.add(new FieldError("subject", "must be at most " + SUBJECT_MAX + " characters"));
      }
    }
    if (request.message() != null) {
      checkMessage(request.message(), errors);
    }
    throwIfAny(errors);
    if (!caller.admin()) {
      limits.acquire(RateLimiter.Limit.TICKETS, caller.userId());
    }

    Instant now = now();
    Ticket ticket =
        Ticket.open(
            ids.get(),
            caller.userId(),
            subject,
            Priority.fromWireOrMedium(request.priority()),
            now);
    Message first = null;
    if (request.message() != null) {
      first =
          new Message(
              ids.get(),
              ticket.ticketId(),
              caller.userId(),
              caller.senderType(),
              request.message(),
              null,
              now);
      // A new ticket is open whoever writes its first message.
      ticket = ticket.with(new TicketChange(first, TicketStatus.OPEN, now, false));
    }
    tickets.create(ticket, first);
    return new TicketCreated(ticket, first);
  }

  public Ticket get(Caller caller, String ticketId) {
    return accessibleTicket(caller, ticketId);
  }

  public MessagePosted post(Caller caller, String ticketId, NewMessage request) {
    if (request.closeTicket() && !caller.admin()) {
      throw new ForbiddenException("only the support team can close a ticket");
    }
    if (request.internal()) {
      return note(caller, ticketId, request);
    }
    List<FieldError> errors = new ArrayList<>();
    if (request.message() == null) {
      if (!request.closeTicket() && !request.hasFiles()) {
        errors.add(new FieldError("message", "is required"));
      }
    } else {
      checkMessage(request.message(), errors);
    }
    if (request.attachmentUrl() != null) {
      checkAttachmentUrl(request.attachmentUrl(), errors);
      if (request.message() == null) {
        errors.add(new FieldError("message", "is required with an attachment"));
      }
    }
    checkAttachmentIds(request.attachmentIds(), errors);
    throwIfAny(errors);

    accessibleTicket(caller, ticketId);
    boolean writesMessage = request.message() != null || request.hasFiles();
    if (!caller.admin() && writesMessage) {
      limits.acquire(RateLimiter.Limit.MESSAGES, caller.userId());
    }
    List<AttachedFile> files = attachable(caller, ticketId, request.attachmentIds());
    String messageId = writesMessage ? ids.get() : null;
    // Derived from the ticket as stored when the write lands (retried if another write got
    // there first), so status and last message always follow the newest message.
    TicketRepository.Applied applied;
    try {
      applied = tickets.update(ticketId,
          current -> postChange(caller, request, messageId, files, current, false)).orElseThrow();
    } catch (AgentAtCapacityException full) {
      // A message that reopens a ticket whose agent has no room left: the message is kept, and the
      // ticket goes back to waiting for an agent.
      applied = tickets.update(ticketId,
          current -> postChange(caller, request, messageId, files, current, true)).orElseThrow();
    }
    return new MessagePosted(applied.change().message(), applied.ticket());
  }

  /**
   * The files named for a message, each on this ticket, uploaded by the caller, checked clean and
   * on no message yet. The message's write attaches them on the same conditions, so two messages
   * racing for one file cannot both have it.
   *
   * @throws AttachmentUnavailableException naming each id that fails, before anything is written
   */
  private List<AttachedFile> attachable(Caller caller, String ticketId, List<String> attachmentIds) {
    if (attachmentIds == null) {
      return List.of();
    }
    List<Attachment> found = attachments.findAll(attachmentIds);
    List<FieldError> unavailable = AttachmentService.unavailable(attachmentIds, found, ticketId, caller.userId());
    if (!unavailable.isEmpty()) {
      throw new AttachmentUnavailableException(unavailable);
    }
    return attachmentIds.stream()
        .map(id -> found.stream().filter(a -> a.attachmentId().equals(id)).findFirst().orElseThrow().asAttached())
        .toList();
  }

  private static void checkAttachmentIds(List<String> attachmentIds, List<FieldError> errors) {
    if (attachmentIds == null) {
      return;
    }
    if (attachmentIds.isEmpty() || attachmentIds.size() > MAX_ATTACHMENTS) {
      errors.add(new FieldError("attachment_ids", "must list 1 to " + MAX_ATTACHMENTS + " attachments"));
    } else if (new LinkedHashSet<>(attachmentIds).size() != attachmentIds.size()) {
      errors.add(new FieldError("attachment_ids", "must not list an attachment twice"));
    } else if (attachmentIds.stream().anyMatch(id -> id == null || !TICKET_ID.matcher(id).matches())) {
      errors.add(new FieldError("attachment_ids", "must be attachment ids (strings)"));
    }
  }

  /**
   * Changes a ticket's status or priority: admins may change both, the ticket's owner may only
   * close it ("this is solved"). With {@code expectedVersion} (the caller's {@code If-Match}), the
   * change is made only to that version of the ticket. A priority set here is the agent's.
   *
   * @return the ticket after the change (as it is when the request changes nothing)
   * @throws VersionMismatchException the ticket is no longer at {@code expectedVersion}; nothing changed
   */
  public Ticket update(Caller caller, String ticketId, TicketUpdate request, OptionalLong expectedVersion) {
    List<FieldError> errors = new ArrayList<>();
    if (request.status() == null && request.priority() == null && request.assigneeId() == null) {
      errors.add(new FieldError("body", "must change at least one of status, priority, assignee_id"));
    }
    TicketStatus status = null;
    if (request.status() != null) {
      status = TicketStatus.fromWire(request.status()).orElse(null);
      if (status == null) {
        errors.add(new FieldError("status", "must be open, pending or closed"));
      }
    }
    Priority priority = null;
    if (request.priority() != null) {
      priority = Priority.fromWireExactly(request.priority()).orElse(null);
      if (priority == null) {
        errors.add(new FieldError("priority", "must be low, medium or high"));
      }
    }
    throwIfAny(errors);
    if (ticketId == null || !TICKET_ID.matcher(ticketId).matches()) {
      throw NotFoundException.ticket();
    }
    boolean ownersChange = priority == null && status == TicketStatus.CLOSED && request.assigneeId() == null;
    Optional<Assignee> assignee = null;
    if (request.assigneeId() != null && caller.admin()) {
      assignee = request.assigneeId().isEmpty() ? Optional.empty() : Optional.of(rosterAgent(request.assigneeId().get()));
    }
    Optional<Assignee> newAssignee = assignee;
    TicketStatus newStatus = status;
    Priority newPriority = priority;
    Ticket[] current = new Ticket[1];
    // Who may change it is checked on the ticket as read for the write: one read, one write.
    Optional<TicketRepository.Applied> applied = tickets.update(ticketId, stored -> {
      if (!caller.mayAccess(stored)) {
        throw new ForbiddenException("you do not have access to this ticket");
      }
      if (!caller.admin() && !ownersChange) {
        throw new ForbiddenException("a ticket's owner may only close it; the support team changes the rest");
      }
      current[0] = stored;
      if (expectedVersion.isPresent() && stored.version() != expectedVersion.getAsLong()) {
        throw new VersionMismatchException(stored.version());
      }
      TicketStatus nextStatus = newStatus == null ? stored.status() : newStatus;
      boolean priorityChanges = newPriority != null
          && (newPriority != stored.priority() || stored.prioritySource() != PrioritySource.AGENT);
      boolean assigneeChanges = newAssignee != null && !Objects.equals(
          newAssignee.map(Assignee::agentId).orElse(null),
          stored.assignee() == null ? null : stored.assignee().agentId());
      if (nextStatus == stored.status() && !priorityChanges && !assigneeChanges) {
        return Optional.empty();
      }
      return Optional.of(new TicketChange(null, nextStatus, stored.changeAt(now()), false,
          new TicketChange.Edit(priorityChanges ? newPriority : null, assigneeChanges ? newAssignee : null)));
    });
    return applied.map(TicketRepository.Applied::ticket).orElse(current[0]);
  }

  private Optional<TicketChange> postChange(Caller caller, NewMessage request, String messageId,
      List<AttachedFile> files, Ticket current, boolean unassign) {
    if (messageId == null && current.status() == TicketStatus.CLOSED) {
      throw new ConflictException("the ticket is already closed");
    }
    Instant at = current.changeAt(now());
    Message message = messageId == null ? null : new Message(messageId, current.ticketId(), caller.userId(),
        caller.senderType(), request.message() == null ? "" : request.message(), request.attachmentUrl(), at, false,
        false, request.closeTicket() && current.status() != TicketStatus.CLOSED, false, files);
    TicketStatus next = StatusRules.afterMessage(current.status(), caller.senderType(), request.closeTicket());
    return Optional.of(new TicketChange(message, next, at, caller.admin(),
        unassign ? new TicketChange.Edit(null, Optional.empty(), true) : null));
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

  /** The agent on the roster with this id, as a ticket's assignee; anyone else is a bad request. */
  private Assignee rosterAgent(String agentId) {
    Agent agent = agentId.isBlank() ? null : roster.find(agentId).orElse(null);
    if (agent == null) {
      throw ValidationException.of("assignee_id", "no agent on the roster has this id");
    }
    return new Assignee(agent.agentId(), agent.name());
  }

  /**
   * An internal note: the support team's, never seen by the ticket's owner, and not a change of
   * the ticket (its status, counts, preview and version stay as they are).
   */
  private MessagePosted note(Caller caller, String ticketId, NewMessage request) {
    if (!caller.admin()) {
      throw new ForbiddenException("only the support team writes internal notes");
    }
    List<FieldError> errors = new ArrayList<>();
    if (request.message() == null) {
      if (!request.hasFiles()) {
        errors.add(new FieldError("message", "is required"));
      }
    } else {
      checkMessage(request.message(), errors);
    }
    checkAttachmentIds(request.attachmentIds(), errors);
    if (request.closeTicket()) {
      errors.add(new FieldError("close_ticket", "an internal note cannot close the ticket: post a reply or PATCH it"));
    }
    if (request.attachmentUrl() != null) {
      checkAttachmentUrl(request.attachmentUrl(), errors);
    }
    throwIfAny(errors);
    Ticket ticket = accessibleTicket(caller, ticketId);
    List<AttachedFile> files = attachable(caller, ticket.ticketId(), request.attachmentIds());
    Message note = Message.note(ids.get(), ticket.ticketId(), caller.userId(),
        request.message() == null ? "" : request.message(), request.attachmentUrl(), ticket.changeAt(now()))
        .withAttachments(files);
    tickets.addNote(note);
    return new MessagePosted(note, ticket);
  }

  public TicketList listOwn(Caller caller, ListQuery query) {
    TicketStatus status = status(query.status());
    int limit = limit(query.limit(), TICKETS_DEFAULT_LIMIT, TICKETS_MAX_LIMIT);
    String scope = scope(caller, "tickets.own", query.status());
    Page<Ticket> page =
        tickets.listByUser(caller.userId(), status, limit, openCursor(scope, query.cursor()));
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
    Page<Ticket> page = tickets.listAll(status, assignee, limit, openCursor(scope, query.cursor()));
    return new TicketList(page.items(), cursors.seal(scope, page.next()));
  }

  public Conversation conversation(Caller caller, String ticketId, ListQuery query) {
    int limit = limit(query.limit(), MESSAGES_DEFAULT_LIMIT, MESSAGES_MAX_LIMIT);
    Ticket ticket = accessibleTicket(caller, ticketId);
    String scope = scope(caller, "messages", ticket.ticketId());
    Page<Message> page =
        tickets.listMessages(ticket.ticketId(), limit, openCursor(scope, query.cursor()), caller.admin());

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
        views.add(
            new MessageView(
                message,
                sender == null ? null : sender.name(),
                sender == null ? null : sender.email()));
      }
    }
    return new Conversation(ticket, views, cursors.seal(scope, page.next()));
  }

  private Ticket accessibleTicket(Caller caller, String ticketId) {
    if (ticketId == null || !TICKET_ID.matcher(ticketId).matches()) {
      throw NotFoundException.ticket();
    }
    Ticket ticket = tickets.find(ticketId).orElseThrow(NotFoundException::ticket);
    if (!caller.mayAccess(ticket)) {
      throw new ForbiddenException("you do not have access to this ticket");
    }
    return ticket;
  }

  private String openCursor(String scope, String cursor) {
    return cursors.open(scope, cursor);
  }

  private static String scope(Caller caller, String query, String parameter) {
    return caller.userId() + '\n' + query + '\n' + (parameter == null ? "" : parameter);
  }

  private static TicketStatus status(String raw) {
    if (raw == null) {
      return null;
    }
    return TicketStatus.fromWire(raw)
        .orElseThrow(
            () -> ValidationException.of("status", "must be one of open, pending, closed"));
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

  private static void checkMessage(String message, List<FieldError> errors) {
    TextRules.checkMessage("message", message, MESSAGE_MAX, errors);
  }

  private void checkAttachmentUrl(String url, List<FieldError> errors) {
    String field = "attachment_url";
    if (url.length() > ATTACHMENT_URL_MAX) {
      errors.add(new FieldError(field, "must be at most " + ATTACHMENT_URL_MAX + " characters"));
      return;
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      errors.add(new FieldError(field, "must be a valid https URL"));
      return;
    }
    if (uri.getScheme() == null
        || !uri.getScheme().toLowerCase(Locale.ROOT).equals("https")
        || uri.getHost() == null
        || uri.getRawUserInfo() != null) {
      errors.add(new FieldError(field, "must be a valid https URL"));
      return;
    }
    if (!attachmentUrlPrefixes.isEmpty()
        && attachmentUrlPrefixes.stream().noneMatch(url::startsWith)) {
      errors.add(new FieldError(field, "must point to an allowed attachment location"));
    }
  }

  private static void throwIfAny(List<FieldError> errors) {
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
