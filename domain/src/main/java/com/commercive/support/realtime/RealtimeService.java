package com.commercive.support.realtime;

import com.commercive.support.domain.Caller;
import com.commercive.support.domain.ForbiddenException;
import com.commercive.support.domain.NotFoundException;
import com.commercive.support.domain.RateLimitedException;
import com.commercive.support.realtime.LiveEvent.Refused.Code;
import com.commercive.support.service.RateLimiter;
import com.commercive.support.service.TicketAccess;
import com.commercive.support.store.RealtimeStore;
import com.commercive.support.util.Hashes;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The WebSocket side of live updates: single-use tokens to connect with (never a long-lived token
 * in a URL), connections, and the frames a client sends. A refused or malformed frame is answered
 * with an error event; the connection stays open and no other connection notices.
 */
public final class RealtimeService {
  /** How long a token may wait before it is used. */
  public static final Duration TOKEN_LIFETIME = Duration.ofSeconds(60);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final RealtimeStore store;
  private final TicketAccess tickets;
  private final RateLimiter limits;
  private final int connectionsPerUser;
  private final Clock clock;
  private final Supplier<String> ids;

  /** {@code connectionsPerUser}: how many connections and unused tokens one user may hold at once. */
  public RealtimeService(RealtimeStore store, TicketAccess tickets, RateLimiter limits, int connectionsPerUser,
      Clock clock, Supplier<String> ids) {
    if (connectionsPerUser < 1) {
      throw new IllegalArgumentException("a user may hold at least one connection");
    }
    this.store = store;
    this.tickets = tickets;
    this.limits = limits;
    this.connectionsPerUser = connectionsPerUser;
    this.clock = clock;
    this.ids = ids;
  }

  /** A token and when it stops working. */
  public record IssuedToken(String token, Instant expiresAt) {}

  /** A client's frame as read: {@code action} and what it names, each null when absent. */
  public record Frame(String action, String ticketId, Boolean inbox) {}

  /**
   * Issues a single-use token bound to the caller; only its digest is kept.
   *
   * @throws RateLimitedException when the caller holds {@code connectionsPerUser} connections and
   *     unused tokens already (try again when one closes or an unused token expires), or asked for
   *     too many tokens in the last minute
   */
  public IssuedToken issueToken(Caller caller) {
    if (store.openSeats(caller.userId(), now(), connectionsPerUser) >= connectionsPerUser) {
      throw new RateLimitedException("at most " + connectionsPerUser + " live connections at once, counting tokens"
          + " not used yet: close one, or wait for an unused token to expire", TOKEN_LIFETIME);
    }
    limits.acquire(RateLimiter.Limit.REALTIME_TOKENS, caller.userId());
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    Instant expiresAt = now().plus(TOKEN_LIFETIME);
    store.saveToken(Hashes.sha256(token), caller, expiresAt);
    return new IssuedToken(token, expiresAt);
  }

  /**
   * Opens a connection with a token: the connection of the token's caller, or empty (refused)
   * when the token is missing, unknown, expired or used before.
   */
  public Optional<Connection> connect(String connectionId, String token) {
    if (token == null || token.isEmpty() || token.length() > 200) {
      return Optional.empty();
    }
    Optional<Caller> caller = store.redeemToken(Hashes.sha256(token), now());
    if (caller.isEmpty()) {
      return Optional.empty();
    }
    Connection connection = new Connection(connectionId, caller.get().userId(), caller.get().admin(), now());
    store.connect(connection);
    return Optional.of(connection);
  }

  /** Answers a client's frame: subscribe, unsubscribe or ping. */
  public LiveEvent receive(String connectionId, Frame frame) {
    if (frame.action() == null) {
      return refused(Code.BAD_REQUEST, "a frame is a JSON object with an action: subscribe, unsubscribe or ping");
    }
    Optional<Connection> connection = store.connection(connectionId);
    if (connection.isEmpty()) {
      return refused(Code.FORBIDDEN, "this connection is closed; connect again with a new token");
    }
    switch (frame.action()) {
      case "ping":
        return new LiveEvent.Pong(ids.get(), now());
      case "subscribe":
      case "unsubscribe":
        break;
      default:
        return refused(Code.BAD_REQUEST, "unknown action " + printable(frame.action())
            + ": use subscribe, unsubscribe or ping");
    }
    boolean inbox = Boolean.TRUE.equals(frame.inbox());
    if (inbox == (frame.ticketId() != null)) {
      return refused(Code.BAD_REQUEST, "name either a ticket_id or inbox: true");
    }
    Topic topic;
    if (inbox) {
      if (!connection.get().admin()) {
        return refused(Code.FORBIDDEN, "only the support team follows the whole inbox");
      }
      topic = Topic.inbox();
    } else {
      try {
        topic = Topic.ticket(tickets.ticket(connection.get().caller(), frame.ticketId()).ticketId());
      } catch (NotFoundException missing) {
        return refused(Code.NOT_FOUND, "no such ticket");
      } catch (ForbiddenException notYours) {
        return refused(Code.FORBIDDEN, "you do not have access to this ticket");
      }
    }
    if (frame.action().equals("subscribe")) {
      if (!store.subscribe(connection.get(), topic)) {
        return refused(Code.FORBIDDEN, "this connection is closed; connect again with a new token");
      }
      return new LiveEvent.Subscribed(ids.get(), now(), topic);
    }
    store.unsubscribe(connectionId, topic);
    return new LiveEvent.Unsubscribed(ids.get(), now(), topic);
  }

  /** The answer to a frame that is not a JSON object (the adapter reads JSON). */
  public LiveEvent malformed(String detail) {
    return refused(Code.BAD_REQUEST, detail);
  }

  public void disconnect(String connectionId) {
    store.disconnect(connectionId);
  }

  private LiveEvent refused(Code code, String detail) {
    return new LiveEvent.Refused(ids.get(), now(), code, detail);
  }

  /** At most 40 characters of what the client sent, without control characters, for an error's detail. */
  private static String printable(String text) {
    String clean = text.codePoints().filter(c -> !Character.isISOControl(c))
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    return "\"" + (clean.length() > 40 ? clean.substring(0, 40) + "…" : clean) + "\"";
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
