package com.commercive.support.service;

import com.commercive.support.domain.Attachment;
import com.commercive.support.domain.Caller;
import com.commercive.support.domain.FieldError;
import com.commercive.support.domain.NotFoundException;
import com.commercive.support.domain.Ticket;
import com.commercive.support.domain.ValidationException;
import com.commercive.support.store.AttachmentStore;
import com.commercive.support.store.FileStorage;
import com.commercive.support.store.TicketRepository;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Files on tickets, as the API serves them: presigned uploads straight to storage (the API never
 * handles the bytes) and short-lived download links. {@link AttachmentCheck} decides, outside the
 * API, whether an uploaded file becomes ready.
 */
public final class AttachmentService {
  public static final Duration UPLOAD_WINDOW = Duration.ofMinutes(15);
  public static final Duration DOWNLOAD_WINDOW = Duration.ofMinutes(5);
  /** Uploads never attached to a message are deleted after this. */
  public static final Duration UNATTACHED_LIFETIME = Duration.ofHours(24);
  public static final int FILENAME_MAX = 255;
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

  /** The types and sizes accepted, and whether storage scans for malware (the check then waits for its verdict). */
  public record Policy(Set<String> contentTypes, long maxBytes, boolean malwareScan) {
    public static final List<String> DEFAULT_CONTENT_TYPES = List.of("image/png", "image/jpeg", "image/gif",
        "image/webp", "application/pdf", "text/plain", "text/csv");
    public static final long DEFAULT_MAX_BYTES = 10L * 1024 * 1024;

    public Policy {
      contentTypes = Set.copyOf(contentTypes);
      if (maxBytes < 1) {
        throw new IllegalArgumentException("maxBytes must be positive");
      }
    }

    public static Policy defaults() {
      return new Policy(Set.copyOf(DEFAULT_CONTENT_TYPES), DEFAULT_MAX_BYTES, false);
    }
  }

  /** An upload as asked for; each field null when absent or not of the right JSON type. */
  public record NewUpload(String filename, String contentType, Long size) {}

  /** A new attachment and the form its file is uploaded with. */
  public record Upload(Attachment attachment, FileStorage.UploadForm form) {}

  /** An attachment and, when it is ready, a link to download it. */
  public record Download(Attachment attachment, URI url, Instant expiresAt) {}

  private final AttachmentStore store;
  private final FileStorage files;
  private final TicketAccess tickets;
  private final TicketRepository messages;
  private final Clock clock;
  private final Supplier<String> ids;
  private final Policy policy;
  private final RateLimiter limits;

  public AttachmentService(AttachmentStore store, FileStorage files, TicketAccess tickets, TicketRepository messages,
      Clock clock, Supplier<String> ids, Policy policy, RateLimiter limits) {
    this.store = store;
    this.files = files;
    this.tickets = tickets;
    this.messages = messages;
    this.clock = clock;
    this.ids = ids;
    this.policy = policy;
    this.limits = limits;
  }

  /**
   * Creates an attachment on a ticket the caller may read and the form that uploads its file. The
   * form allows only this attachment's key, the declared type and at most the declared size.
   */
  public Upload requestUpload(Caller caller, String ticketId, NewUpload request) {
    List<FieldError> errors = new ArrayList<>();
    if (request.filename() == null) {
      errors.add(new FieldError("filename", "is required"));
    } else {
      checkFilename(request.filename(), errors);
    }
    boolean nameReadable = errors.isEmpty();
    String contentType = null;
    if (request.contentType() == null) {
      errors.add(new FieldError("content_type", "is required"));
    } else {
      contentType = request.contentType().strip().toLowerCase(Locale.ROOT);
      if (!policy.contentTypes().contains(contentType)) {
        errors.add(new FieldError("content_type", "must be one of " + String.join(", ",
            policy.contentTypes().stream().sorted().toList())));
      }
    }
    if (nameReadable && contentType != null && FileTypes.contradicts(request.filename(), contentType)) {
      errors.add(new FieldError("filename", "its ending ." + FileTypes.extensionOf(request.filename()).orElseThrow()
          + " says another type than " + contentType));
    }
    if (request.size() == null) {
      errors.add(new FieldError("size", "is required"));
    } else if (request.size() < 1 || request.size() > policy.maxBytes()) {
      errors.add(new FieldError("size", "must be from 1 to " + policy.maxBytes() + " bytes"));
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    Ticket ticket = tickets.ticket(caller, ticketId);
    if (!caller.admin()) {
      limits.acquire(RateLimiter.Limit.UPLOADS, caller.userId());
    }
    Instant now = now();
    Attachment attachment = Attachment.uploading(ids.get(), ticket.ticketId(), caller.userId(),
        request.filename(), contentType, request.size(), now);
    store.create(attachment);
    FileStorage.UploadForm form =
        files.uploadForm(attachment.quarantineKey(), contentType, request.size(), now.plus(UPLOAD_WINDOW));
    return new Upload(attachment, form);
  }

  /**
   * An attachment of a ticket the caller may read, with a download link when it is ready. A
   * merchant sees only their own uploads and the files on the public messages of their ticket:
   * a file on an internal note, or another's upload not yet sent, does not exist for them.
   */
  public Download download(Caller caller, String ticketId, String attachmentId) {
    Ticket ticket = tickets.ticket(caller, ticketId);
    Attachment attachment = (attachmentId == null || !ID.matcher(attachmentId).matches())
        ? null : store.find(attachmentId).filter(a -> a.ticketId().equals(ticket.ticketId())).orElse(null);
    if (attachment == null || !visibleTo(caller, attachment)) {
      throw new NotFoundException("no attachment with this id on this ticket");
    }
    if (attachment.status() != Attachment.Status.READY) {
      return new Download(attachment, null, null);
    }
    Instant expiresAt = now().plus(DOWNLOAD_WINDOW);
    // Saved under a name that says its checked type, and shown in the browser only when that runs nothing.
    URI url = files.downloadLink(attachment.checkedKey(),
        FileTypes.downloadName(attachment.filename(), attachment.contentType()),
        FileTypes.servedType(attachment.contentType()), expiresAt);
    return new Download(attachment, url, expiresAt);
  }

  private boolean visibleTo(Caller caller, Attachment attachment) {
    if (caller.admin() || attachment.uploaderId().equals(caller.userId())) {
      return true;
    }
    if (attachment.messageId() == null) {
      return false;
    }
    return messages.findMessage(attachment.messageId()).map(m -> !m.internal()).orElse(false);
  }

  private static void checkFilename(String filename, List<FieldError> errors) {
    int before = errors.size();
    if (filename.isEmpty() || filename.codePointCount(0, filename.length()) > FILENAME_MAX) {
      errors.add(new FieldError("filename", "must be 1 to " + FILENAME_MAX + " characters"));
      return;
    }
    if (filename.contains("/") || filename.contains("\\")) {
      errors.add(new FieldError("filename", "must be a file's name, without / or \\"));
      return;
    }
    TextRules.checkTitle("filename", filename, errors);
    if (errors.size() == before && (filename.equals(".") || filename.equals(".."))) {
      errors.add(new FieldError("filename", "must be a file's name"));
    }
  }

  /** The files named by {@code attachmentIds} for a message: see {@link PostMessage#post}. */
  static List<FieldError> unavailable(List<String> attachmentIds, List<Attachment> found, String ticketId,
      String userId) {
    List<FieldError> errors = new ArrayList<>();
    for (int i = 0; i < attachmentIds.size(); i++) {
      String id = attachmentIds.get(i);
      Optional<String> why = found.stream().filter(a -> a.attachmentId().equals(id)).findFirst()
          .map(a -> a.unavailableTo(ticketId, userId)).orElse(Optional.of("does not exist"));
      if (why.isPresent()) {
        errors.add(new FieldError("attachment_ids[" + i + "]", "attachment " + id + " " + why.get()));
      }
    }
    return errors;
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
