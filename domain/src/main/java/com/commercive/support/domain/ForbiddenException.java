package com.commercive.support.domain;

public final class ForbiddenException extends SupportException {
  public ForbiddenException(String detail) {
    super(Kind.FORBIDDEN, detail);
  }
}
