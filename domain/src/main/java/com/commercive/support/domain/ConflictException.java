package com.commercive.support.domain;

public final class ConflictException extends SupportException {
  public ConflictException(String detail) {
    super(Kind.CONFLICT, detail);
  }
}
