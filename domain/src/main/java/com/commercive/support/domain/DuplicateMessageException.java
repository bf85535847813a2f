package com.commercive.support.domain;

/**
 * A message with this id is already stored. Consumers derive message ids from the work they do,
 * so this means the work was done before (a redelivery), not a failure.
 */
public final class DuplicateMessageException extends RuntimeException {
  public DuplicateMessageException(String messageId) {
    super("message " + messageId + " already exists", null, false, false);
  }
}
