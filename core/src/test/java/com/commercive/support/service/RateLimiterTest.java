package com.commercive.support.service;

import static org.assertj.core.api.Assertions.assertThat;
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
  final TicketService tickets = new TicketService(repository, new InMemoryUserDirectory(),
      new CursorCodec("rate-limit-test-secret-of-32-bytes!".getBytes(StandardCharsets.UTF_8)), clock,
      () -> UUID.randomUUID().toString(), List.of(), limiter);

  @Test
  void allowsTheHoursAllowanceThenSaysWhenToComeBack() {
    Caller user = new Caller("u-1", false);
    tickets.create(user, new TicketService.NewTicket("First ticket", null, null));
    tickets.create(user, new TicketService.NewTicket("Second ticket", null, null));
    assertThatThrownBy(() -> tickets.create(user, new TicketService.NewTicket("Third ticket", null, null)))
        .isInstanceOfSatisfying(RateLimitedException.class, e -> {
          assertThat(e.retryAfter()).isEqualTo(Duration.ofMinutes(40));
          assertThat(e.detail()).contains("at most 2 an hour");
        });
    assertThat(repository.calls()).isEqualTo(2);
    // Another user has their own allowance; the next hour a fresh one.
    tickets.create(new Caller("u-2", false), new TicketService.NewTicket("Other user", null, null));
    clock.advance(Duration.ofMinutes(41));
    tickets.create(user, new TicketService.NewTicket("Next hour", null, null));
  }

  @Test
  void invalidRequestsAndAdminsDoNotCount() {
    Caller user = new Caller("u-3", false);
    for (int i = 0; i < 5; i++) {
      assertThatThrownBy(() -> tickets.create(user, new TicketService.NewTicket("x", null, null)))
          .isNotInstanceOf(RateLimitedException.class);
    }
    tickets.create(user, new TicketService.NewTicket("Valid ticket", null, null));
    Caller admin = new Caller("admin", true);
    for (int i = 0; i < 5; i++) {
      tickets.create(admin, new TicketService.NewTicket("Admin ticket", null, null));
    }
  }

  @Test
  void limitsAssistantRequestsAndTurnsOffAtZero() {
    AssistantService assistant = new AssistantService(
        q -> new Answer("ok", Topic.GENERAL, 0.9, List.of(), false), tickets, repository, clock,
        () -> UUID.randomUUID().toString(), limiter);
    Caller user = new Caller("u-4", false);
    assistant.respond(user, new AssistantService.AiRequest("first question", null, false));
    assertThatThrownBy(() -> assistant.respond(user, new AssistantService.AiRequest("second", null, false)))
        .isInstanceOf(RateLimitedException.class);
    assertThat(limiter.tryAcquire(Limit.AUTO_REPLIES, "anyone")).isEmpty();
    assertThat(limiter.tryAcquire(Limit.EMAILS_PER_TICKET, "anything")).isEmpty();
  }
}
