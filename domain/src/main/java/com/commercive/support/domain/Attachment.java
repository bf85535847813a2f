package com.commercive.support.domain;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A file a merchant or an agent uploads to a ticket. It is created {@link Status#UPLOADING} when
 * the upload is presigned, checked outside the API once the bytes are in storage (real size,
 * magic bytes, on AWS the malware scan) and becomes {@link Status#READY} or
 * {@link Status#REJECTED}; a ready file is attached to at most one message ({@code messageId}).
 * {@code size} is the size the uploader declared until the check, then the real one.
 */
public record Attachment(
    String attachmentId,
    String ticketId,
    String uploaderId,
    String filename,
    String contentType,
    long size,
    Status status,
    Rejection rejection,
    Instant createdAt,
    String messageId) {

  /** Where the bytes land first: nothing there is served to anyone. */
  public static final String QUARANTINE_PREFIX = "quarantine/";
  /** Where checked files live; download links point only here. */
  public static final String CHECKED_PREFIX = "attachments/";

  public enum Status {
    UPLOADING,
    READY,
    REJECTED;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Status fromWire(String value) {
      return valueOf(value.toUpperCase(Locale.ROOT));
    }
  }

  /** Why a check refused a file: the contract's {@code rejection_reason}. */
  public enum Rejection {
    TOO_LARGE("too-large"),
    TYPE_MISMATCH("type-mismatch"),
    EMPTY("empty"),
    MALWARE("malware");

    private final String wireName;

    Rejection(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }

    public static Rejection fromWire(String value) {
      for (Rejection rejection : values()) {
        if (rejection.wireName.equals(value)) {
          return rejection;
        }
      }
      throw new IllegalArgumentException("unknown rejection reason " + value);
    }
  }

  public Attachment {
    Objects.requireNonNull(attachmentId, "attachmentId");
    Objects.requireNonNull(ticketId, "ticketId");
    Objects.requireNonNull(uploaderId, "uploaderId");
    Objects.requireNonNull(filename, "filename");
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
    if ((status == Status.REJECTED) != (rejection != null)) {
      throw new IllegalArgumentException("a rejected attachment, and only one, has a rejection reason");
    }
    if (messageId != null && status != Status.READY) {
      throw new IllegalArgumentException("only a ready attachment is on a message");
    }
  }

  /** A new upload, waiting for its bytes. */
  public static Attachment uploading(String attachmentId, String ticketId, String uploaderId, String filename,
      String contentType, long declaredSize, Instant createdAt) {
    return new Attachment(attachmentId, ticketId, uploaderId, filename, contentType, declaredSize, Status.UPLOADING,
        null, createdAt, null);
  }

  /** The key its bytes are uploaded to. */
  public String quarantineKey() {
    return quarantineKey(ticketId, attachmentId);
  }

  public static String quarantineKey(String ticketId, String attachmentId) {
    return QUARANTINE_PREFIX + ticketId + "/" + attachmentId;
  }

  /** The key its bytes are kept at once checked. */
  public String checkedKey() {
    return checkedKey(ticketId, attachmentId);
  }

  public static String checkedKey(String ticketId, String attachmentId) {
    return CHECKED_PREFIX + ticketId + "/" + attachmentId;
  }

  public Attachment ready(long realSize) {
    return new Attachment(attachmentId, ticketId, uploaderId, filename, contentType, realSize, Status.READY, null,
        createdAt, null);
  }

  public Attachment rejected(Rejection reason, long realSize) {
    return new Attachment(attachmentId, ticketId, uploaderId, filename, contentType, realSize, Status.REJECTED,
        reason, createdAt, null);
  }

  public Attachment attachedTo(String messageId) {
    return new Attachment(attachmentId, ticketId, uploaderId, filename, contentType, size, status, rejection,
        createdAt, Objects.requireNonNull(messageId, "messageId"));
  }

  /**
   * Why {@code userId} may not attach this file to a message on {@code ticketId} (empty: they may):
   * it must be on that ticket, uploaded by them, checked clean and on no message yet.
   */
  public Optional<String> unavailableTo(String ticketId, String userId) {
    if (!this.ticketId.equals(ticketId)) {
      return Optional.of("belongs to another ticket");
    }
    if (!uploaderId.equals(userId)) {
      return Optional.of("was uploaded by someone else");
    }
    if (status == Status.UPLOADING) {
      return Optional.of("is still being uploaded or checked");
    }
    if (status == Status.REJECTED) {
      return Optional.of("was rejected (" + rejection.wireName() + ")");
    }
    if (messageId != null) {
      return Optional.of("is already on a message");
    }
    return Optional.empty();
  }

  /** What a message shows of it. */
  public AttachedFile asAttached() {
    return new AttachedFile(attachmentId, filename, contentType, size);
  }
}
