package com.commercive.support.store.dynamodb;

/** Attribute names of the idempotency table. */
final class IdempotencyItems {
  static final String KEY = "idempotency_key";
  static final String REQUEST_HASH = "request_hash";
  static final String STATE = "state";
  static final String LOCKED_UNTIL = "locked_until";
  /** Epoch seconds; the table's TTL attribute. */
  static final String EXPIRES_AT = "expires_at";
  static final String RESPONSE_STATUS = "response_status";
  static final String RESPONSE_BODY = "response_body";
  static final String RESPONSE_LOCATION = "response_location";
  static final String IN_PROGRESS = "IN_PROGRESS";
  static final String COMPLETED = "COMPLETED";

  private IdempotencyItems() {}
}
