package com.commercive.support.service;

import com.commercive.support.domain.AttachedFile;
import com.commercive.support.domain.Attachment;
import com.commercive.support.store.AttachmentStore;
import com.commercive.support.store.FileStorage;
import com.commercive.support.util.Backoff;
import com.commercive.support.util.Hashes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The files of a received mail go through the same check as uploads: each file of an allowed type
 * and size (at most {@link MessageRules#MAX_ATTACHMENTS}) is stored in quarantine with an
 * attachment record, as a browser's upload would be, and checked by the checking function (on AWS
 * after the malware scan). The mail's message waits for the verdicts and is appended with the
 * files found ready; every other file is named in it, with the reason, as
 * {@code [attachment not accepted: name (reason)]}. The ids are derived from the mail's, so a mail
 * taken again stores nothing twice.
 */
public final class MailFiles {
  /** How long one delivery of a mail waits for its files' checks before it is tried again later. */
  public static final Duration CHECK_WAIT = Duration.ofSeconds(20);
  private static final Backoff POLL = Backoff.of(100, 1_000);

  /** A file sent with a mail, as its sender named and typed it. */
  public record MailFile(String filename, String contentType, byte[] bytes) {}

  /** The checked files to attach, and the lines that name the files not accepted. */
  public record Taken(List<AttachedFile> attached, List<String> notAccepted) {
    public static final Taken NONE = new Taken(List.of(), List.of());

    /** {@code text} with a line for each file not accepted. */
    public String appendedTo(String text) {
      return notAccepted.isEmpty() ? text : text.stripTrailing() + "\n\n" + String.join("\n", notAccepted);
    }
  }

  /** The mail's files are still being checked: the mail is to be taken again a little later. */
  public static final class FilesBeingCheckedException extends IllegalStateException {
    public FilesBeingCheckedException(int pending) {
      super(pending + " file(s) of the mail are still being checked");
    }
  }

  private final AttachmentStore store;
  private final FileStorage storage;
  private final AttachmentService.Policy policy;
  private final Clock clock;
  private final Duration wait;

  public MailFiles(AttachmentStore store, FileStorage storage, AttachmentService.Policy policy, Clock clock,
      Duration wait) {
    this.store = store;
    this.storage = storage;
    this.policy = policy;
    this.clock = clock;
    this.wait = wait;
  }

  /**
   * Stores the acceptable files of mail {@code mailId} for checking, as {@code uploaderId}'s on the
   * ticket, waits for their verdicts, and says what to attach and what to name.
   *
   * @throws FilesBeingCheckedException a file still unchecked after the wait (nothing is lost: taken again, the
   *     mail finds its files stored)
   */
  public Taken take(String ticketId, String uploaderId, String mailId, List<MailFile> files) {
    if (files.isEmpty()) {
      return Taken.NONE;
    }
    List<String> notAccepted = new ArrayList<>();
    Map<Integer, Attachment> stored = new java.util.LinkedHashMap<>();
    for (int i = 0; i < files.size(); i++) {
      MailFile file = files.get(i);
      String name = filename(file.filename(), i);
      Optional<String> refusal = refusal(file, stored.size());
      if (refusal.isPresent()) {
        notAccepted.add(line(name, refusal.get()));
        continue;
      }
      stored.put(i, stored(ticketId, uploaderId, mailId, i, name, file));
    }
    Map<String, Attachment> checked = awaitChecks(stored.values().stream().map(Attachment::attachmentId).toList());
    List<AttachedFile> attached = new ArrayList<>();
    for (Attachment attachment : stored.values()) {
      Attachment now = checked.get(attachment.attachmentId());
      if (now.status() == Attachment.Status.READY) {
        attached.add(now.asAttached());
      } else {
        notAccepted.add(line(now.filename(), now.rejection() == null ? "rejected" : now.rejection().wireName()));
      }
    }
    return new Taken(attached, notAccepted);
  }

  /** Why a file is not stored for checking, if it is not. */
  private Optional<String> refusal(MailFile file, int storedSoFar) {
    String type = type(file.contentType());
    if (storedSoFar >= MessageRules.MAX_ATTACHMENTS) {
      return Optional.of("more than " + MessageRules.MAX_ATTACHMENTS + " files");
    }
    if (file.bytes().length == 0) {
      return Optional.of("empty");
    }
    if (!policy.contentTypes().contains(type)) {
      return Optional.of("type " + (type.isEmpty() ? "unknown" : type) + " not accepted");
    }
    if (file.bytes().length > policy.maxBytes()) {
      return Optional.of("larger than " + policy.maxBytes() / (1024 * 1024) + " MB");
    }
    return Optional.empty();
  }

  /** The file's record, created with its bytes in quarantine the first time this mail is taken. */
  private Attachment stored(String ticketId, String uploaderId, String mailId, int index, String name, MailFile file) {
    String id = attachmentId(mailId, index);
    Optional<Attachment> existing = store.find(id);
    if (existing.isPresent() && existing.get().status() != Attachment.Status.UPLOADING) {
      return existing.get();
    }
    Attachment attachment = existing.orElseGet(() -> {
      Attachment created = Attachment.uploading(id, ticketId, uploaderId, name, type(file.contentType()),
          file.bytes().length, clock.instant().truncatedTo(ChronoUnit.MILLIS));
      store.create(created);
      return created;
    });
    // The record first, then the bytes, as for an upload: the check finds the record when the bytes land.
    // (Taken again while still unchecked, the bytes are written again: a check is idempotent.)
    storage.write(attachment.quarantineKey(), file.bytes(), attachment.contentType());
    return attachment;
  }

  private Map<String, Attachment> awaitChecks(List<String> ids) {
    Instant deadline = clock.instant().plus(wait);
    for (int round = 0; ; round++) {
      Map<String, Attachment> found = store.findAll(ids).stream()
          .collect(Collectors.toMap(Attachment::attachmentId, Function.identity()));
      long pending = ids.stream().filter(id -> found.get(id).status() == Attachment.Status.UPLOADING).count();
      if (pending == 0) {
        return found;
      }
      if (!clock.instant().isBefore(deadline)) {
        throw new FilesBeingCheckedException((int) pending);
      }
      POLL.pause(round, "a mail's files being checked");
    }
  }

  /** The id of the mail's {@code index}th file: the same whenever the mail is taken. */
  static String attachmentId(String mailId, int index) {
    return "mail-" + Hashes.sha256(mailId.strip() + "#" + index).substring(0, 32);
  }

  private static String type(String contentType) {
    if (contentType == null) {
      return "";
    }
    int parameters = contentType.indexOf(';');
    return (parameters < 0 ? contentType : contentType.substring(0, parameters)).strip().toLowerCase(Locale.ROOT);
  }

  /** A file's name as a person reads it: its last path segment, on one line, at most 255 characters. */
  static String filename(String given, int index) {
    String name = given == null ? "" : given;
    name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
    name = name.replaceAll("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]+", " ").strip();
    if (name.isEmpty() || name.equals(".") || name.equals("..")) {
      name = "attachment-" + (index + 1);
    }
    if (name.codePointCount(0, name.length()) > AttachmentService.FILENAME_MAX) {
      name = name.substring(0, name.offsetByCodePoints(0, AttachmentService.FILENAME_MAX));
    }
    return name;
  }

  private static String line(String name, String reason) {
    return "[attachment not accepted: " + name + " (" + reason + ")]";
  }
}
