package com.commercive.support.service;

import com.commercive.support.domain.Attachment;
import com.commercive.support.domain.Attachment.Rejection;
import com.commercive.support.store.AttachmentStore;
import com.commercive.support.store.FileStorage;
import com.commercive.support.store.FileStorage.StoredFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The check of an uploaded file, run outside the API once storage holds it. Every file is judged
 * by what it is, never by what its uploader said or by what the upload form was meant to allow:
 * its real size, its magic bytes against the declared type, all of a text file for markup and
 * binary bytes (see {@link TextContent}), and where storage scans for malware, the scan's verdict.
 * A clean file moves out of quarantine and its attachment becomes ready; anything else is deleted
 * and its attachment rejected with the reason.
 */
public final class AttachmentCheck {
  /** Enough of a file to tell its type by its magic bytes (and a text file from a binary one). */
  public static final int HEAD_BYTES = 8 * 1024;
  /** The object tag GuardDuty Malware Protection for S3 writes its verdict to. */
  public static final String MALWARE_SCAN_TAG = "GuardDutyMalwareScanStatus";
  public static final String MALWARE_SCAN_CLEAN = "NO_THREATS_FOUND";
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

  /** What a check did with a stored file. */
  public enum Outcome {
    READY,
    REJECTED,
    /** Storage scans for malware and has not given its verdict yet: the check runs again when it does. */
    AWAITING_SCAN,
    /** Nothing to do: already checked, gone, or not an upload this system presigned. */
    IGNORED
  }

  private final AttachmentStore store;
  private final FileStorage files;
  private final ContentSniffer sniffer;
  private final AttachmentService.Policy policy;

  public AttachmentCheck(AttachmentStore store, FileStorage files, ContentSniffer sniffer,
      AttachmentService.Policy policy) {
    this.store = store;
    this.files = files;
    this.sniffer = sniffer;
    this.policy = policy;
  }

  /**
   * Checks the file stored at {@code key} (an upload's quarantine key): a clean file moves to
   * the checked files and its attachment becomes ready; anything else is deleted and its
   * attachment rejected with the reason. Safe to run again for the same file: it then does nothing
   * more (or finishes what a failed run left half done).
   */
  public Outcome check(String key) {
    Optional<String[]> parts = quarantineKeyParts(key);
    if (parts.isEmpty()) {
      return Outcome.IGNORED;
    }
    Attachment attachment = store.find(parts.get()[1])
        .filter(a -> a.ticketId().equals(parts.get()[0])).orElse(null);
    if (attachment == null) {
      // Not an upload this system presigned (or one whose record expired): nothing may keep it.
      files.delete(key);
      return Outcome.IGNORED;
    }
    if (attachment.status() != Attachment.Status.UPLOADING) {
      // Checked already: whatever is at the key now came after the check (a form used twice).
      files.delete(key);
      return Outcome.IGNORED;
    }
    Optional<StoredFile> stored = files.inspect(key, HEAD_BYTES);
    if (stored.isEmpty()) {
      // A run that moved the file but failed before recording it: finish that run.
      return files.inspect(attachment.checkedKey(), 0)
          .map(moved -> record(attachment.ready(moved.size()), Outcome.READY))
          .orElse(Outcome.IGNORED);
    }
    StoredFile file = stored.get();
    Optional<Rejection> rejection = rejection(attachment, key, file);
    if (rejection.isEmpty() && policy.malwareScan()) {
      String verdict = file.tags().get(MALWARE_SCAN_TAG);
      if (verdict == null) {
        return Outcome.AWAITING_SCAN;
      }
      if (!verdict.equals(MALWARE_SCAN_CLEAN)) {
        // THREATS_FOUND, and also a file the scan could not read: never served unscanned.
        rejection = Optional.of(Rejection.MALWARE);
      }
    }
    if (rejection.isPresent()) {
      Outcome outcome = record(attachment.rejected(rejection.get(), file.size()), Outcome.REJECTED);
      files.delete(key);
      return outcome;
    }
    files.move(key, attachment.checkedKey(), attachment.contentType());
    return record(attachment.ready(file.size()), Outcome.READY);
  }

  /**
   * Deletes the files of an upload whose record expired without being sent (its quarantined
   * upload, if still there, and its checked copy): what DynamoDB's expiry of the record triggers.
   * Deleting what is already gone is harmless, so a redelivered expiry changes nothing.
   */
  public void expired(String ticketId, String attachmentId) {
    if (ticketId == null || attachmentId == null || !ID.matcher(ticketId).matches()
        || !ID.matcher(attachmentId).matches()) {
      throw new IllegalArgumentException("an expired attachment's record names its ticket and itself");
    }
    files.delete(Attachment.quarantineKey(ticketId, attachmentId));
    files.delete(Attachment.checkedKey(ticketId, attachmentId));
  }

  /** Everything the upload policy was meant to enforce, checked again on the bytes themselves. */
  private Optional<Rejection> rejection(Attachment attachment, String key, StoredFile file) {
    if (file.size() == 0) {
      return Optional.of(Rejection.EMPTY);
    }
    if (file.size() > attachment.size() || file.size() > policy.maxBytes()) {
      return Optional.of(Rejection.TOO_LARGE);
    }
    if (!sameType(attachment.contentType(), sniffer.detect(file.head()))) {
      return Optional.of(Rejection.TYPE_MISMATCH);
    }
    if (attachment.contentType().startsWith("text/") && !isText(key)) {
      return Optional.of(Rejection.TYPE_MISMATCH);
    }
    return Optional.empty();
  }

  /**
   * Whether the whole file is text, not only its head: bounded by the size limit, checked above.
   * A file gone meanwhile is not text; its check ends rejected and deleting it is harmless.
   */
  private boolean isText(String key) {
    Optional<InputStream> opened = files.open(key);
    if (opened.isEmpty()) {
      return false;
    }
    try (InputStream in = opened.get()) {
      return TextContent.scan(in).isEmpty();
    } catch (IOException e) {
      // Storage failed mid-read: the notification is redelivered and the file read again.
      throw new UncheckedIOException("reading " + key + " failed", e);
    }
  }

  /**
   * Whether bytes detected as {@code detected} may be served as {@code declared}. Text has no
   * magic number: a CSV file is plain text to a detector, so plain text passes for CSV; text that
   * is really HTML, a script or a binary does not pass for either.
   */
  static boolean sameType(String declared, String detected) {
    if (declared.equals(detected)) {
      return true;
    }
    return declared.equals("text/csv") && detected.equals("text/plain");
  }

  private Outcome record(Attachment checked, Outcome outcome) {
    return store.recordCheck(checked) ? outcome : Outcome.IGNORED;
  }

  /** {@code [ticketId, attachmentId]} of a quarantine key, empty for any other key. */
  static Optional<String[]> quarantineKeyParts(String key) {
    if (key == null || !key.startsWith(Attachment.QUARANTINE_PREFIX)) {
      return Optional.empty();
    }
    String[] parts = key.substring(Attachment.QUARANTINE_PREFIX.length()).split("/", -1);
    if (parts.length != 2 || !ID.matcher(parts[0]).matches() || !ID.matcher(parts[1]).matches()) {
      return Optional.empty();
    }
    return Optional.of(parts);
  }

}
