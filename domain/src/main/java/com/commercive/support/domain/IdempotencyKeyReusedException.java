package com.commercive.support.domain;

/** An Idempotency-Key sent again with a different request than the one it first came with. */
public final class IdempotencyKeyReusedException extends SupportException {
  public IdempotencyKeyReusedException() {
    super(Kind.IDEMPOTENCY_KEY_REUSED, "Idempotency-Key was already used with a different request");
  }
}
