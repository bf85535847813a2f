package com.commercive.support.store.dynamodb;

import com.commercive.support.resources.SupportTables;

/** Attribute names of the idempotency table. */
final class IdempotencyItems {
  static final String KEY = SupportTables.IDEMPOTENCY_KEY;
  static final String REQUEST_HASH = "request_hash";
  static final String STATE = "state";
  static final String LOCKED_UNTIL = "locked_until";
  /** Epoch seconds; the table's TTL attribute. */
  static final String EXPIRES_AT = SupportTables.EXPIRES_AT;
  static final String RESPONSE_STATUS = "response_status";
  static final String RESPONSE_BODY = "response_body";
  static final String RESPONSE_LOCATION = "response_location";
  static final String IN_PROGRESS = "IN_PROGRESS";
  static final String COMPLETED = "COMPLETED";

  private IdempotencyItems() {}
}
