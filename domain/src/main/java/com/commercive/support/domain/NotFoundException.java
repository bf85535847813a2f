package com.commercive.support.domain;

public final class NotFoundException extends SupportException {
  public NotFoundException(String detail) {
    super(Kind.NOT_FOUND, detail);
  }

  public static NotFoundException ticket() {
    return new NotFoundException("ticket not found");
  }
}
