package com.commercive.support.domain;

import java.util.List;

/**
 * Files named in a message cannot be attached (another ticket's, another user's, not checked,
 * rejected, already on a message, unknown): nothing was stored. Each bad id is named in
 * {@link #errors()}.
 */
public final class AttachmentUnavailableException extends SupportException {
  private final List<FieldError> errors;

  public AttachmentUnavailableException(List<FieldError> errors) {
    super(Kind.ATTACHMENT_UNAVAILABLE, errors.size() == 1
        ? "an attachment cannot be attached: " + errors.get(0).message()
        : errors.size() + " attachments cannot be attached");
    this.errors = List.copyOf(errors);
  }

  @Override
  public List<FieldError> errors() {
    return errors;
  }
}
