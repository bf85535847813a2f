package com.commercive.support.fakes;

import com.commercive.support.domain.Caller;
import com.commercive.support.realtime.Connection;
import com.commercive.support.realtime.Topic;
import com.commercive.support.store.RealtimeStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Live updates' state in memory, with the DynamoDB store's rules. */
public final class InMemoryRealtimeStore implements RealtimeStore {
  private record Token(Caller caller, Instant expiresAt) {}

  private final Map<String, Token> tokens = new LinkedHashMap<>();
  private final Map<String, Connection> connections = new LinkedHashMap<>();
  private final Map<String, Set<String>> topics = new LinkedHashMap<>();

  @Override
  public synchronized void saveToken(String tokenDigest, Caller caller, Instant expiresAt) {
    tokens.put(tokenDigest, new Token(caller, expiresAt));
  }

  @Override
  public synchronized Optional<Caller> redeemToken(String tokenDigest, Instant now) {
    Token token = tokens.remove(tokenDigest);
    return token == null || !token.expiresAt().isAfter(now) ? Optional.empty() : Optional.of(token.caller());
  }

  @Override
  public synchronized void connect(Connection connection) {
    connections.put(connection.connectionId(), connection);
  }

  @Override
  public synchronized int openSeats(String userId, Instant now, int atMost) {
    long open = tokens.values().stream().filter(t -> t.caller().userId().equals(userId) && t.expiresAt().isAfter(now))
        .count()
        + connections.values().stream().filter(c -> c.userId().equals(userId) && c.expiresAt().isAfter(now)).count();
    return (int) Math.min(open, atMost);
  }

  @Override
  public synchronized Optional<Connection> connection(String connectionId) {
    return Optional.ofNullable(connections.get(connectionId));
  }

  @Override
  public synchronized boolean subscribe(Connection connection, Topic topic) {
    if (!connections.containsKey(connection.connectionId())) {
      return false;
    }
    topics.computeIfAbsent(topic.key(), k -> new LinkedHashSet<>()).add(connection.connectionId());
    return true;
  }

  @Override
  public synchronized void unsubscribe(String connectionId, Topic topic) {
    topics.getOrDefault(topic.key(), new LinkedHashSet<>()).remove(connectionId);
  }

  @Override
  public synchronized List<Connection> subscribers(Topic topic) {
    List<Connection> found = new ArrayList<>();
    for (String id : topics.getOrDefault(topic.key(), Set.of())) {
      Optional.ofNullable(connections.get(id)).ifPresent(found::add);
    }
    return found;
  }

  @Override
  public synchronized void disconnect(String connectionId) {
    connections.remove(connectionId);
    topics.values().forEach(ids -> ids.remove(connectionId));
  }
}
