package com.commercive.support.realtime;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import com.commercive.support.fakes.InMemoryRateLimitStore;

import com.commercive.support.domain.RateLimitedException;

import static org.assertj.core.api.Assertions.assertThat;
import com.commercive.support.service.RateLimiter;
import com.commercive.support.store.AgentRoster;
import com.commercive.support.store.AttachmentStore;
import com.commercive.support.service.PostMessage;
import com.commercive.support.service.OpenTicket;

import com.commercive.support.domain.Attachment;
import com.commercive.support.domain.Caller;
import com.commercive.support.domain.Message;
import com.commercive.support.domain.SenderType;
import com.commercive.support.domain.Ticket;
import com.commercive.support.domain.User;
import com.commercive.support.fakes.InMemoryRealtimeStore;
import com.commercive.support.fakes.InMemoryTicketRepository;
import com.commercive.support.fakes.InMemoryUserDirectory;
import com.commercive.support.fakes.MutableClock;
import com.commercive.support.fakes.RecordingPusher;
import com.commercive.support.realtime.LiveEvent.Refused.Code;
import com.commercive.support.realtime.RealtimeService.Frame;
import com.commercive.support.service.CursorCodec;
import com.commercive.support.service.TicketUseCases;
import com.commercive.support.service.PostMessage.NewMessage;
import com.commercive.support.service.OpenTicket.NewTicket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Tokens, connections, frames and who receives which event, with in-memory stores. */
class RealtimeServiceTest {
  static final Caller OWNER = new Caller("user-1", false);
  static final Caller OTHER = new Caller("user-2", false);
  static final Caller ADMIN = new Caller("admin-1", true);

  MutableClock clock;
  InMemoryRealtimeStore store;
  RecordingPusher pusher;
  TicketUseCases tickets;
  RealtimeService realtime;
  LiveUpdates live;
  Ticket ticket;

  @BeforeEach
  void setUp() {
    clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    store = new InMemoryRealtimeStore();
    pusher = new RecordingPusher();
    AtomicInteger sequence = new AtomicInteger();
    InMemoryUserDirectory users = new InMemoryUserDirectory(
        new User("user-1", "Dana Merchant", "dana@example.com", "user"),
        new User("admin-1", "Alex Support", "alex@example.com", "admin"));
    tickets = TicketUseCases.over(new InMemoryTicketRepository(), users, AttachmentStore.none(), AgentRoster.empty(), RateLimiter.unlimited(), new CursorCodec("a-test-secret-that-is-long-enough!!".getBytes(StandardCharsets.UTF_8)), List.of(), com.commercive.support.domain.ServiceLevels.DEFAULT, clock, () -> "id-" + sequence.incrementAndGet());
    realtime = new RealtimeService(store, tickets.access(), new RateLimiter(new InMemoryRateLimitStore(), clock,
        Map.of(RateLimiter.Limit.REALTIME_TOKENS, 20)), 10, clock, () -> "event-" + sequence.incrementAndGet());
    live = new LiveUpdates(store, pusher, users, clock, () -> "event-" + sequence.incrementAndGet());
    ticket = tickets.open().open(OWNER, new NewTicket("Orders not syncing", "medium", "since Monday")).ticket();
  }

  Connection connected(String connectionId, Caller caller) {
    return realtime.connect(connectionId, realtime.issueToken(caller).token()).orElseThrow();
  }

  @Nested
  class Connecting {
    @Test
    void aTokenOpensOneConnectionForItsCallerOnceWithinAMinute() {
      var issued = realtime.issueToken(OWNER);
      assertThat(issued.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofSeconds(60)));

      Connection connection = realtime.connect("c-1", issued.token()).orElseThrow();
      assertThat(connection.userId()).isEqualTo("user-1");
      assertThat(connection.admin()).isFalse();
      assertThat(realtime.connect("c-2", issued.token())).as("reused").isEmpty();
    }

    @Test
    void expiredForgedAndMissingTokensAreRefused() {
      var issued = realtime.issueToken(OWNER);
      clock.advance(Duration.ofSeconds(61));
      assertThat(realtime.connect("c-1", issued.token())).as("expired").isEmpty();
      assertThat(realtime.connect("c-2", "made-up")).as("forged").isEmpty();
      assertThat(realtime.connect("c-3", null)).as("missing").isEmpty();
      assertThat(realtime.connect("c-4", "")).as("empty").isEmpty();
      assertThat(store.connection("c-1")).isEmpty();
    }

    @Test
    void aUserHoldsAtMostTenConnectionsAndUnusedTokensAtOnce() {
      for (int i = 0; i < 8; i++) {
        connected("c-" + i, OWNER);
      }
      realtime.issueToken(OWNER);
      var lastToken = realtime.issueToken(OWNER);

      assertThatThrownBy(() -> realtime.issueToken(OWNER)).isInstanceOfSatisfying(RateLimitedException.class, e -> {
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(60));
        assertThat(e.getMessage()).contains("at most 10 live connections");
      });
      assertThat(realtime.issueToken(ADMIN).token()).as("another user").isNotBlank();

      realtime.connect("c-9", lastToken.token()).orElseThrow();
      assertThatThrownBy(() -> realtime.issueToken(OWNER)).as("a used token holds its connection's seat")
          .isInstanceOf(RateLimitedException.class);
      realtime.disconnect("c-0");
      assertThat(realtime.issueToken(OWNER).token()).as("a closed connection frees its seat").isNotBlank();
    }

    @Test
    void anUnusedTokenFreesItsSeatWhenItExpires() {
      for (int i = 0; i < 10; i++) {
        realtime.issueToken(OWNER);
      }
      assertThatThrownBy(() -> realtime.issueToken(OWNER)).isInstanceOf(RateLimitedException.class);
      clock.advance(Duration.ofSeconds(61));
      assertThat(realtime.issueToken(OWNER).token()).isNotBlank();
    }

    @Test
    void tokensPerMinuteAreLimitedEvenWhenEachIsUsedAndClosed() {
      for (int i = 0; i < 20; i++) {
        connected("c-" + i, OWNER);
        realtime.disconnect("c-" + i);
      }
      assertThatThrownBy(() -> realtime.issueToken(OWNER)).isInstanceOfSatisfying(RateLimitedException.class,
          e -> assertThat(e.getMessage()).contains("too many live-update tokens: at most 20 a minute"));
      clock.advance(Duration.ofSeconds(120));
      assertThat(realtime.issueToken(OWNER).token()).isNotBlank();
    }
  }

  @Nested
  class Frames {
    @Test
    void theOwnerAndTheTeamFollowATicketAndOnlyTheTeamTheInbox() {
      connected("owner", OWNER);
      connected("admin", ADMIN);

      assertThat(realtime.receive("owner", new Frame("subscribe", ticket.ticketId(), null)))
          .isInstanceOfSatisfying(LiveEvent.Subscribed.class, s -> assertThat(s.topic().ticketId()).isEqualTo(ticket.ticketId()));
      assertThat(realtime.receive("admin", new Frame("subscribe", null, true)))
          .isInstanceOfSatisfying(LiveEvent.Subscribed.class, s -> assertThat(s.topic().isInbox()).isTrue());
      assertThat(realtime.receive("owner", new Frame("subscribe", null, true)))
          .isInstanceOfSatisfying(LiveEvent.Refused.class, r -> assertThat(r.code()).isEqualTo(Code.FORBIDDEN));
      assertThat(realtime.receive("owner", new Frame("ping", null, null))).isInstanceOf(LiveEvent.Pong.class);
    }

    @Test
    void refusalsSayWhyAndKeepTheConnection() {
      connected("other", OTHER);
      assertThat(code(realtime.receive("other", new Frame("subscribe", ticket.ticketId(), null)))).isEqualTo(Code.FORBIDDEN);
      assertThat(code(realtime.receive("other", new Frame("subscribe", "no-such-ticket", null)))).isEqualTo(Code.NOT_FOUND);
      assertThat(code(realtime.receive("other", new Frame("dance", null, null)))).isEqualTo(Code.BAD_REQUEST);
      assertThat(code(realtime.receive("other", new Frame(null, null, null)))).isEqualTo(Code.BAD_REQUEST);
      assertThat(code(realtime.receive("other", new Frame("subscribe", ticket.ticketId(), true)))).isEqualTo(Code.BAD_REQUEST);
      assertThat(code(realtime.receive("other", new Frame("subscribe", null, null)))).isEqualTo(Code.BAD_REQUEST);
      assertThat(code(realtime.receive("closed-one", new Frame("ping", null, null)))).isEqualTo(Code.FORBIDDEN);
      assertThat(store.connection("other")).isPresent();
      assertThat(store.subscribers(Topic.ticket(ticket.ticketId()))).isEmpty();
    }

    Code code(LiveEvent event) {
      assertThat(event).isInstanceOf(LiveEvent.Refused.class);
      return ((LiveEvent.Refused) event).code();
    }
  }

  @Nested
  class Events {
    @Test
    void aMessageReachesTheTicketsFollowersAndTheInboxOnceEachAndNoOneElse() {
      connected("owner", OWNER);
      connected("admin", ADMIN);
      connected("other", OTHER);
      realtime.receive("owner", new Frame("subscribe", ticket.ticketId(), null));
      realtime.receive("admin", new Frame("subscribe", ticket.ticketId(), null));
      realtime.receive("admin", new Frame("subscribe", null, true));

      var posted = tickets.post().post(ADMIN, ticket.ticketId(), new NewMessage("Try a resync", null, false));
      var delivery = live.messageCreated(posted.message());

      assertThat(delivery.delivered()).isEqualTo(2);
      assertThat(pusher.to("owner")).singleElement().isInstanceOfSatisfying(LiveEvent.MessageCreated.class, m -> {
        assertThat(m.message().message().text()).isEqualTo("Try a resync");
        assertThat(m.message().senderName()).isEqualTo("Alex Support");
      });
      assertThat(pusher.to("admin")).hasSize(1);
      assertThat(pusher.to("other")).isEmpty();
    }

    @Test
    void anInternalNoteReachesOnlyTheTeam() {
      connected("owner", OWNER);
      connected("admin", ADMIN);
      realtime.receive("owner", new Frame("subscribe", ticket.ticketId(), null));
      realtime.receive("admin", new Frame("subscribe", ticket.ticketId(), null));

      var note = tickets.post().post(ADMIN, ticket.ticketId(), new NewMessage("VIP merchant", null, false, true));
      live.messageCreated(note.message());

      assertThat(pusher.to("owner")).isEmpty();
      assertThat(pusher.to("admin")).singleElement().isInstanceOf(LiveEvent.MessageCreated.class);
    }

    @Test
    void aGoneConnectionIsForgottenAnUnreachableOneKeptAndTheOthersStillReceive() {
      connected("stale", OWNER);
      connected("fresh", OWNER);
      connected("throttled", OWNER);
      realtime.receive("stale", new Frame("subscribe", ticket.ticketId(), null));
      realtime.receive("fresh", new Frame("subscribe", ticket.ticketId(), null));
      realtime.receive("throttled", new Frame("subscribe", ticket.ticketId(), null));
      pusher.gone("stale");
      pusher.failing("throttled");

      var delivery = live.ticketUpdated(ticket);

      assertThat(delivery).isEqualTo(new LiveUpdates.Delivery(1, 1, 1));
      assertThat(store.connection("throttled")).isPresent();
      assertThat(store.connection("stale")).isEmpty();
      assertThat(store.subscribers(Topic.ticket(ticket.ticketId()))).extracting(Connection::connectionId)
          .containsExactly("fresh", "throttled");
    }

    @Test
    void aTicketsChangeReachesTheTeamWithItsServiceLevelsAndTheOwnerWithout() {
      connected("owner", OWNER);
      connected("admin", ADMIN);
      realtime.receive("owner", new Frame("subscribe", ticket.ticketId(), null));
      realtime.receive("admin", new Frame("subscribe", null, true));

      live.ticketUpdated(ticket);

      assertThat(pusher.to("owner")).singleElement().isInstanceOfSatisfying(LiveEvent.TicketUpdated.class,
          update -> assertThat(update.teamView()).isFalse());
      assertThat(pusher.to("admin")).singleElement().isInstanceOfSatisfying(LiveEvent.TicketUpdated.class,
          update -> assertThat(update.teamView()).isTrue());
    }

    @Test
    void typingReachesTheTicketsFollowersAndAFilesCheckItsUploaderAndTheTeam() {
      connected("owner", OWNER);
      connected("admin", ADMIN);
      realtime.receive("owner", new Frame("subscribe", ticket.ticketId(), null));
      realtime.receive("admin", new Frame("subscribe", null, true));

      live.assistantTyping(ticket.ticketId());
      Attachment adminsFile = Attachment.uploading("a-1", ticket.ticketId(), "admin-1", "guide.pdf", "application/pdf",
          10, clock.instant()).ready(10);
      live.attachmentUpdated(adminsFile);

      assertThat(pusher.to("owner")).extracting(LiveEvent::type).containsExactly("assistant.typing");
      assertThat(pusher.to("admin")).extracting(LiveEvent::type).containsExactly("assistant.typing", "attachment.updated");
    }

    @Test
    void aDisconnectedClientReceivesNothing() {
      connected("owner", OWNER);
      realtime.receive("owner", new Frame("subscribe", ticket.ticketId(), null));
      realtime.disconnect("owner");

      live.messageCreated(new Message("m-9", ticket.ticketId(), "user-1", SenderType.USER, "hello", null, clock.instant()));

      assertThat(pusher.all()).isEmpty();
    }
  }
}
