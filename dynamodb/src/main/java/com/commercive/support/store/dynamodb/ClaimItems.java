package com.commercive.support.store.dynamodb;

import com.commercive.support.resources.SupportTables;

/**
 * Attribute names of the idempotency table's items. Its keys are {@code <key space>#<id>}: one
 * key space per kind of effect that must happen once ({@code request}, {@code email}) and
 * {@code rate} for the rate counters ({@link DynamoDbRateLimitStore}), so none can read another's.
 */
final class ClaimItems {
  static final String KEY = SupportTables.IDEMPOTENCY_KEY;
  /** What identifies the attempt that claimed it (for a request: a digest of its route and body). */
  static final String FINGERPRINT = "request_hash";
  static final String STATE = "state";
  static final String LOCKED_UNTIL = "locked_until";
  /** Epoch seconds; the table's TTL attribute. */
  static final String EXPIRES_AT = SupportTables.EXPIRES_AT;
  /** Before each of a result's named fields: {@code result_status}, {@code result_body}, ... */
  static final String RESULT_PREFIX = "result_";
  static final String IN_PROGRESS = "IN_PROGRESS";
  static final String COMPLETED = "COMPLETED";

  private ClaimItems() {}

  static String key(String keySpace, String id) {
    return keySpace + "#" + id;
  }
}
