package com.commercive.support.domain;

import java.util.Objects;

/**
 * The authenticated user making a request, as established from their token. {@code name} and
 * {@code email} are the token's optional claims (null when absent).
 */
public record Caller(String userId, boolean admin, String name, String email) {
  public Caller {
    Objects.requireNonNull(userId, "userId");
    if (userId.isBlank()) {
      throw new IllegalArgumentException("userId must not be blank");
    }
  }

  public Caller(String userId, boolean admin) {
    this(userId, admin, null, null);
  }

  public SenderType senderType() {
    return admin ? SenderType.ADMIN : SenderType.USER;
  }

  public boolean mayAccess(Ticket ticket) {
    return admin || ticket.userId().equals(userId);
  }

  /** Leaves out name and email: callers end up in logs, personal data must not. */
  @Override
  public String toString() {
    return "Caller[userId=" + userId + ", admin=" + admin + "]";
  }
}
