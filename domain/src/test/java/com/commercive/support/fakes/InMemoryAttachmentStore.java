package com.commercive.support.fakes;

import com.commercive.support.domain.AttachedFile;
import com.commercive.support.domain.Attachment;
import com.commercive.support.domain.AttachmentUnavailableException;
import com.commercive.support.domain.FieldError;
import com.commercive.support.domain.Message;
import com.commercive.support.store.AttachmentStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Attachments' records in memory, with the DynamoDB store's conditions. */
public final class InMemoryAttachmentStore implements AttachmentStore {
  private final Map<String, Attachment> attachments = new LinkedHashMap<>();

  @Override
  public synchronized void create(Attachment attachment) {
    if (attachments.putIfAbsent(attachment.attachmentId(), attachment) != null) {
      throw new IllegalStateException("duplicate attachment id");
    }
  }

  @Override
  public synchronized Optional<Attachment> find(String attachmentId) {
    return Optional.ofNullable(attachments.get(attachmentId));
  }

  @Override
  public synchronized List<Attachment> findAll(Collection<String> attachmentIds) {
    return attachmentIds.stream().distinct().map(attachments::get).filter(Objects::nonNull).toList();
  }

  @Override
  public synchronized boolean recordCheck(Attachment checked) {
    Attachment stored = attachments.get(checked.attachmentId());
    if (stored == null || stored.status() != Attachment.Status.UPLOADING) {
      return false;
    }
    attachments.put(checked.attachmentId(), checked);
    return true;
  }

  /** Every attachment's id, in the order they were created. */
  public synchronized List<String> ids() {
    return List.copyOf(attachments.keySet());
  }

  /** What the ticket store does in a message's write: all of its files, or none of them. */
  synchronized void attach(Message message) {
    List<FieldError> unavailable = new ArrayList<>();
    for (AttachedFile file : message.attachments()) {
      Attachment stored = attachments.get(file.attachmentId());
      if (stored == null || stored.unavailableTo(message.ticketId(), message.senderId()).isPresent()) {
        unavailable.add(new FieldError("attachment_ids", "attachment " + file.attachmentId() + " is no longer available"));
      }
    }
    if (!unavailable.isEmpty()) {
      throw new AttachmentUnavailableException(unavailable);
    }
    for (AttachedFile file : message.attachments()) {
      attachments.computeIfPresent(file.attachmentId(), (id, a) -> a.attachedTo(message.messageId()));
    }
  }
}
