package com.commercive.support.service;

import com.commercive.support.domain.AttachedFile;
import com.commercive.support.domain.Attachment;
import com.commercive.support.domain.AttachmentUnavailableException;
import com.commercive.support.domain.Caller;
import com.commercive.support.domain.FieldError;
import com.commercive.support.domain.ForbiddenException;
import com.commercive.support.domain.Message;
import com.commercive.support.domain.Ticket;
import com.commercive.support.store.AttachmentStore;
import com.commercive.support.store.TicketRepository;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A merchant or an agent writes on a ticket through the API: a reply (the team's may close the
 * ticket, or only close it), or an internal note of the team. The message goes on the ticket
 * through {@link AppendMessage}, like every other.
 */
public final class PostMessage {
  private final TicketAccess access;
  private final AppendMessage append;
  private final TicketRepository tickets;
  private final AttachmentStore attachments;
  private final RateLimiter limits;
  private final List<String> attachmentUrlPrefixes;
  private final Clock clock;
  private final Supplier<String> ids;

  public PostMessage(TicketAccess access, AppendMessage append, TicketRepository tickets, AttachmentStore attachments,
      RateLimiter limits, List<String> attachmentUrlPrefixes, Clock clock, Supplier<String> ids) {
    this.access = access;
    this.append = append;
    this.tickets = tickets;
    this.attachments = attachments;
    this.limits = limits;
    this.attachmentUrlPrefixes = List.copyOf(attachmentUrlPrefixes);
    this.clock = clock;
    this.ids = ids;
  }

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

    /** The same post with {@code text} as its message (a canned response filled in). */
    public NewMessage withMessage(String text) {
      return new NewMessage(text, attachmentUrl, closeTicket, internal, null, attachmentIds);
    }

    boolean hasFiles() {
      return attachmentIds != null;
    }
  }

  public record MessagePosted(Message message, Ticket ticket) {}

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
      MessageRules.checkMessage(request.message(), errors);
    }
    if (request.attachmentUrl() != null) {
      MessageRules.checkAttachmentUrl(request.attachmentUrl(), attachmentUrlPrefixes, errors);
      if (request.message() == null) {
        errors.add(new FieldError("message", "is required with an attachment"));
      }
    }
    MessageRules.checkAttachmentIds(request.attachmentIds(), errors);
    MessageRules.throwIfAny(errors);

    access.ticket(caller, ticketId);
    boolean writesMessage = request.message() != null || request.hasFiles();
    if (!writesMessage) {
      // Only a close: derived from the ticket as stored when it lands, refused when it is closed.
      var applied = tickets.update(ticketId, current -> Optional.of(current.close(current.changeAt(now()), append.levels())))
          .orElseThrow();
      return new MessagePosted(null, applied.ticket());
    }
    if (!caller.admin()) {
      limits.acquire(RateLimiter.Limit.MESSAGES, caller.userId());
    }
    List<AttachedFile> files = attachable(caller, ticketId, request.attachmentIds());
    var result = append.append(ticketId, AppendMessage.Draft.of(ids.get(), caller.userId(), caller.senderType(),
        request.message() == null ? "" : request.message(), request.attachmentUrl(), files, request.closeTicket()));
    return new MessagePosted(result.message(), result.ticket());
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
      MessageRules.checkMessage(request.message(), errors);
    }
    MessageRules.checkAttachmentIds(request.attachmentIds(), errors);
    if (request.closeTicket()) {
      errors.add(new FieldError("close_ticket", "an internal note cannot close the ticket: post a reply or PATCH it"));
    }
    if (request.attachmentUrl() != null) {
      MessageRules.checkAttachmentUrl(request.attachmentUrl(), attachmentUrlPrefixes, errors);
    }
    MessageRules.throwIfAny(errors);
    Ticket ticket = access.ticket(caller, ticketId);
    List<AttachedFile> files = attachable(caller, ticket.ticketId(), request.attachmentIds());
    var result = append.append(ticket.ticketId(), AppendMessage.Draft.note(ids.get(), caller.userId(),
        request.message() == null ? "" : request.message(), request.attachmentUrl(), files));
    return new MessagePosted(result.message(), ticket);
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

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
