package com.commercive.support.realtime;

import com.commercive.support.domain.Caller;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** An open WebSocket connection and who opened it (from the single-use token it connected with). */
public record Connection(String connectionId, String userId, boolean admin, Instant connectedAt) {
  /** API Gateway closes a connection after two hours whatever happens on it. */
  public static final Duration MAX_LIFETIME = Duration.ofHours(2);

  public Connection {
    Objects.requireNonNull(connectionId, "connectionId");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(connectedAt, "connectedAt");
  }

  public Caller caller() {
    return new Caller(userId, admin);
  }

  /** When its records may go: the connection cannot outlive this. */
  public Instant expiresAt() {
    return connectedAt.plus(MAX_LIFETIME);
  }
}
