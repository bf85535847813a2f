package com.commercive.support.store;

import com.commercive.support.domain.Attachment;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Attachments' records. A record never attached to a message expires
 * {@link com.commercive.support.service.AttachmentService#UNATTACHED_LIFETIME} after its upload
 * was presigned; attaching it (in the message's own write, see {@link TicketRepository#update})
 * keeps it.
 */
public interface AttachmentStore {
  void create(Attachment attachment);

  Optional<Attachment> find(String attachmentId);

  /** The records of these ids that exist, in one call; unknown ids are left out. */
  List<Attachment> findAll(Collection<String> attachmentIds);

  /**
   * Records the outcome of a file's check ({@code checked}: ready or rejected, with the real size)
   * if the attachment is still waiting for it.
   *
   * @return false when it was already checked (a redelivered event): nothing changed
   */
  boolean recordCheck(Attachment checked);

  /** A store with no attachments, for functions that never read them. */
  static AttachmentStore none() {
    return new AttachmentStore() {
      @Override
      public void create(Attachment attachment) {
        throw new UnsupportedOperationException("this function keeps no attachments");
      }

      @Override
      public Optional<Attachment> find(String attachmentId) {
        return Optional.empty();
      }

      @Override
      public List<Attachment> findAll(Collection<String> attachmentIds) {
        return List.of();
      }

      @Override
      public boolean recordCheck(Attachment checked) {
        throw new UnsupportedOperationException("this function keeps no attachments");
      }
    };
  }
}
