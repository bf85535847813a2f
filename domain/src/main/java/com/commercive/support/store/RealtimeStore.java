package com.commercive.support.store;

import com.commercive.support.domain.Caller;
import com.commercive.support.realtime.Connection;
import com.commercive.support.realtime.Topic;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Live updates' state: single-use connection tokens, open connections and what each listens to.
 * The connections listening to a topic are found by a query on the topic, whatever the number of
 * connections, and a user's tokens and connections by a query on the user; everything expires with
 * the connection's longest life.
 */
public interface RealtimeStore {
  /** Keeps a token (by its digest) for {@code caller} until {@code expiresAt}. */
  void saveToken(String tokenDigest, Caller caller, Instant expiresAt);

  /**
   * Uses a token up: the caller it was issued to, once, if it has not expired at {@code now};
   * empty for an unknown, expired or already used token.
   */
  Optional<Caller> redeemToken(String tokenDigest, Instant now);

  void connect(Connection connection);

  /**
   * How many of the user's connections are open and tokens unused at {@code now} (what an idle
   * connection API Gateway dropped without telling us holds until it expires), counting up to
   * {@code atMost}; a read of the user's own items, whatever the number of users.
   */
  int openSeats(String userId, Instant now, int atMost);

  Optional<Connection> connection(String connectionId);

  /**
   * Starts sending {@code topic}'s events to the connection (again: no change).
   *
   * @return false when the connection is gone meanwhile: nothing was stored
   */
  boolean subscribe(Connection connection, Topic topic);

  void unsubscribe(String connectionId, Topic topic);

  /** The connections listening to {@code topic}. */
  List<Connection> subscribers(Topic topic);

  /** Forgets the connection and all it listened to; nothing when it is already gone. */
  void disconnect(String connectionId);
}
