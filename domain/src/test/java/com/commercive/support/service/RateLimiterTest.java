package com.commercive.support.service;

import static org.assertj.core.api.Assertions.assertThat;
import com.commercive.support.store.AgentRoster;
import com.commercive.support.store.AttachmentStore;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.commercive.support.assistant.Answer;
import com.commercive.support.assistant.Topic;
import com.commercive.support.domain.Caller;
import com.commercive.support.domain.RateLimitedException;
import com.commercive.support.fakes.InMemoryRateLimitStore;
import com.commercive.support.fakes.InMemoryTicketRepository;
import com.commercive.support.fakes.InMemoryUserDirectory;
import com.commercive.support.fakes.MutableClock;
import com.commercive.support.service.RateLimiter.Limit;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:20:00Z"));
  final RateLimiter limiter = new RateLimiter(new InMemoryRateLimitStore(), clock,
      Map.of(Limit.TICKETS, 2, Limit.AI_REQUESTS, 1, Limit.AUTO_REPLIES, 0));
  final InMemoryTicketRepository repository = new InMemoryTicketRepository();
  final TicketUseCases tickets = TicketUseCases.over(repository, new InMemoryUserDirectory(), AttachmentStore.none(), AgentRoster.empty(), limiter, new CursorCodec("rate-limit-test-secret-of-32-bytes!".getBytes(StandardCharsets.UTF_8)), List.of(), com.commercive.support.domain.ServiceLevels.DEFAULT, clock, () -> UUID.randomUUID().toString());

  @Test
  void allowsTheHoursAllowanceThenSaysWhenToComeBack() {
    Caller user = new Caller("u-1", false);
    tickets.open().open(user, new OpenTicket.NewTicket("First ticket", null, null));
    tickets.open().open(user, new OpenTicket.NewTicket("Second ticket", null, null));
    assertThatThrownBy(() -> tickets.open().open(user, new OpenTicket.NewTicket("Third ticket", null, null)))
        .isInstanceOfSatisfying(RateLimitedException.class, e -> {
          // Sliding: the two uses of 10:20 weigh until enough of them has slid out, at 11:30.
          assertThat(e.retryAfter()).isEqualTo(Duration.ofMinutes(70));
          assertThat(e.detail()).contains("at most 2 an hour");
        });
    assertThat(repository.calls()).isEqualTo(2);
    // Another user has their own allowance.
    tickets.open().open(new Caller("u-2", false), new OpenTicket.NewTicket("Other user", null, null));
    // At 11:01 the last hour still holds almost two uses: no new allowance at the hour's turn.
    clock.advance(Duration.ofMinutes(41));
    assertThatThrownBy(() -> tickets.open().open(user, new OpenTicket.NewTicket("At the turn", null, null)))
        .isInstanceOf(RateLimitedException.class);
    clock.advance(Duration.ofMinutes(30));
    tickets.open().open(user, new OpenTicket.NewTicket("An hour later", null, null));
  }

  /** Issue 13: a fixed hourly window gave twice the limit across the hour's turn. */
  @Test
  void aBurstAcrossTheHoursTurnGetsTheLimitOnceNotTwice() {
    MutableClock turning = new MutableClock(Instant.parse("2026-11-24T15:59:54Z"));
    RateLimiter twenty = new RateLimiter(new InMemoryRateLimitStore(), turning, Map.of(Limit.TICKETS, 20));
    int accepted = 0;
    for (int i = 0; i < 60; i++) {
      if (twenty.tryAcquire(Limit.TICKETS, "burster").isEmpty()) {
        accepted++;
      }
      turning.advance(Duration.ofMillis(200)); // 60 tries within 12 s, across 16:00
    }
    assertThat(accepted).isEqualTo(20);
  }

  @Test
  void limitsMessagesOfMerchantsNotOfTheTeam() {
    RateLimiter three = new RateLimiter(new InMemoryRateLimitStore(), clock, Map.of(Limit.MESSAGES, 3));
    TicketUseCases limited = TicketUseCases.over(repository, new InMemoryUserDirectory(), AttachmentStore.none(), AgentRoster.empty(), three, new CursorCodec("rate-limit-test-secret-of-32-bytes!".getBytes(StandardCharsets.UTF_8)), List.of(), com.commercive.support.domain.ServiceLevels.DEFAULT, clock, () -> UUID.randomUUID().toString());
    Caller user = new Caller("u-5", false);
    String id = limited.open().open(user, new OpenTicket.NewTicket("Chatty ticket", null, null)).ticket().ticketId();
    for (int i = 0; i < 3; i++) {
      limited.post().post(user, id, new PostMessage.NewMessage("message " + i, null, false));
    }
    assertThatThrownBy(() -> limited.post().post(user, id, new PostMessage.NewMessage("one more", null, false)))
        .isInstanceOfSatisfying(RateLimitedException.class, e -> assertThat(e.detail()).contains("messages"));
    Caller admin = new Caller("admin", true);
    for (int i = 0; i < 5; i++) {
      limited.post().post(admin, id, new PostMessage.NewMessage("team reply " + i, null, false));
    }
    assertThat(repository.find(id).orElseThrow().messageCount()).isEqualTo(8);
  }

  @Test
  void invalidRequestsAndAdminsDoNotCount() {
    Caller user = new Caller("u-3", false);
    for (int i = 0; i < 5; i++) {
      assertThatThrownBy(() -> tickets.open().open(user, new OpenTicket.NewTicket("x", null, null)))
          .isNotInstanceOf(RateLimitedException.class);
    }
    tickets.open().open(user, new OpenTicket.NewTicket("Valid ticket", null, null));
    Caller admin = new Caller("admin", true);
    for (int i = 0; i < 5; i++) {
      tickets.open().open(admin, new OpenTicket.NewTicket("Admin ticket", null, null));
    }
  }

  @Test
  void limitsAssistantRequestsAndTurnsOffAtZero() {
    AssistantService assistant = new AssistantService(
        q -> new Answer("ok", Topic.GENERAL, 0.9, List.of(), false), tickets.access(), tickets.append(), repository,
        () -> UUID.randomUUID().toString(), limiter);
    Caller user = new Caller("u-4", false);
    assistant.respond(user, new AssistantService.AiRequest("first question", null, false));
    assertThatThrownBy(() -> assistant.respond(user, new AssistantService.AiRequest("second", null, false)))
        .isInstanceOf(RateLimitedException.class);
    assertThat(limiter.tryAcquire(Limit.AUTO_REPLIES, "anyone")).isEmpty();
    assertThat(limiter.tryAcquire(Limit.EMAILS_PER_TICKET, "anything")).isEmpty();
  }
}
