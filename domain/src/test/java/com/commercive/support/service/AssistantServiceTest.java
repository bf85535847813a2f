package com.commercive.support.service;

import static org.assertj.core.api.Assertions.assertThat;
import com.commercive.support.store.AgentRoster;
import com.commercive.support.store.AttachmentStore;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.commercive.support.assistant.Answer;
import com.commercive.support.assistant.Assistant;
import com.commercive.support.assistant.Question;
import com.commercive.support.assistant.Source;
import com.commercive.support.assistant.Topic;
import com.commercive.support.assistant.Turn;
import com.commercive.support.domain.Caller;
import com.commercive.support.domain.FieldError;
import com.commercive.support.domain.ForbiddenException;
import com.commercive.support.domain.Message;
import com.commercive.support.domain.NotFoundException;
import com.commercive.support.domain.SenderType;
import com.commercive.support.domain.Ticket;
import com.commercive.support.domain.TicketStatus;
import com.commercive.support.domain.ValidationException;
import com.commercive.support.fakes.InMemoryTicketRepository;
import com.commercive.support.fakes.InMemoryUserDirectory;
import com.commercive.support.fakes.MutableClock;
import com.commercive.support.service.AssistantService.AiRequest;
import com.commercive.support.service.PostMessage.NewMessage;
import com.commercive.support.service.OpenTicket.NewTicket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AssistantServiceTest {
  static final Caller OWNER = new Caller("user-1", false);
  static final Caller OTHER = new Caller("user-2", false);
  static final Caller ADMIN = new Caller("admin-1", true);

  final List<Question> asked = new ArrayList<>();
  final Assistant assistant =
      question -> {
        asked.add(question);
        return new Answer("Open Payouts and click Request payout.", Topic.PAYOUTS, 0.82,
            List.of(new Source("payouts-request", "Requesting a payout")), false);
      };
  InMemoryTicketRepository repository;
  TicketUseCases tickets;
  AssistantService service;
  MutableClock clock;

  @BeforeEach
  void setUp() {
    repository = new InMemoryTicketRepository();
    clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
    AtomicInteger ids = new AtomicInteger();
    tickets = TicketUseCases.over(repository, new InMemoryUserDirectory(), AttachmentStore.none(), AgentRoster.empty(), RateLimiter.unlimited(), new CursorCodec("assistant-test-secret-of-32-bytes!!".getBytes(StandardCharsets.UTF_8)), List.of(), com.commercive.support.domain.ServiceLevels.DEFAULT, clock, () -> String.format("id-%04d", ids.incrementAndGet()));
    service = new AssistantService(assistant, tickets.access(), tickets.append(), repository,
        () -> String.format("ai-%04d", ids.incrementAndGet()), RateLimiter.unlimited());
  }

  Ticket ticketWithHistory() {
    Ticket ticket = tickets.open().open(OWNER, new NewTicket("Payout question", null, "I have $80 approved")).ticket();
    clock.advance(Duration.ofSeconds(1));
    tickets.post().post(ADMIN, ticket.ticketId(), new NewMessage("Let me check", null, false));
    clock.advance(Duration.ofSeconds(1));
    return repository.find(ticket.ticketId()).orElseThrow();
  }

  @Test
  void answersWithoutATicket() {
    var reply = service.respond(OWNER, new AiRequest("How do I get paid?", null, false));
    assertThat(reply.answer().topic()).isEqualTo(Topic.PAYOUTS);
    assertThat(reply.message()).isNull();
    assertThat(asked).singleElement().satisfies(q -> {
      assertThat(q.text()).isEqualTo("How do I get paid?");
      assertThat(q.history()).isEmpty();
      assertThat(q.ticketSubject()).isNull();
    });
    assertThat(repository.calls()).isZero();
  }

  @Test
  void givesTheTicketsSubjectAndHistoryAsContext() {
    Ticket ticket = ticketWithHistory();
    service.respond(OWNER, new AiRequest("When will it arrive?", ticket.ticketId(), false));
    Question question = asked.get(0);
    assertThat(question.ticketSubject()).isEqualTo("Payout question");
    assertThat(question.history()).containsExactly(
        new Turn(Turn.Speaker.CUSTOMER, "I have $80 approved"),
        new Turn(Turn.Speaker.SUPPORT, "Let me check"));
    assertThat(repository.allMessages()).hasSize(2);
  }

  /** Issue 15: the team's notes never reach the assistant or an LLM, whoever asks. */
  @Test
  void anInternalNoteIsNeverPartOfTheContext() {
    Ticket ticket = ticketWithHistory();
    tickets.post().post(ADMIN, ticket.ticketId(), new NewMessage("Customer is on the fraud watch list", null, false, true));
    clock.advance(Duration.ofSeconds(1));
    service.respond(OWNER, new AiRequest("When will it arrive?", ticket.ticketId(), false));
    service.respond(ADMIN, new AiRequest("When will it arrive?", ticket.ticketId(), false));
    assertThat(asked).hasSize(2).allSatisfy(q -> assertThat(q.history()).containsExactly(
        new Turn(Turn.Speaker.CUSTOMER, "I have $80 approved"),
        new Turn(Turn.Speaker.SUPPORT, "Let me check")));
  }

  @Test
  void addsTheAnswerToTheTicketAsAnAiMessageWithoutChangingItsStatus() {
    Ticket ticket = ticketWithHistory();
    assertThat(ticket.status()).isEqualTo(TicketStatus.PENDING);

    var reply = service.respond(OWNER, new AiRequest("When will it arrive?", ticket.ticketId(), true));

    Message message = reply.message();
    assertThat(message.senderType()).isEqualTo(SenderType.AI);
    assertThat(message.aiResponse()).isTrue();
    assertThat(message.senderId()).isEqualTo(AssistantService.ASSISTANT_ID);
    assertThat(message.text()).isEqualTo("Open Payouts and click Request payout.");
    Ticket after = repository.find(ticket.ticketId()).orElseThrow();
    assertThat(after.status()).isEqualTo(TicketStatus.PENDING);
    assertThat(after.messageCount()).isEqualTo(3);
    assertThat(after.lastMessage().senderType()).isEqualTo(SenderType.AI);
    assertThat(after.humanReplied()).isTrue();
    // Shown in the app: the owner is not emailed the answer they just read.
    assertThat(message.shownInApp()).isTrue();
    assertThat(message.handoff()).isFalse();
  }

  /** Issue 13: a handoff posted with add_to_ticket is marked, so the team is told as for auto-replies. */
  @Test
  void aHandoffAddedToTheTicketIsMarkedForTheTeam() {
    Ticket ticket = ticketWithHistory();
    AssistantService handingOff = new AssistantService(
        question -> new Answer("A person will follow up.", Topic.PAYOUTS, 0.2, List.of(), true),
        tickets.access(), tickets.append(), repository, () -> "ai-handoff", RateLimiter.unlimited());
    Message message = handingOff.respond(OWNER, new AiRequest("Refund my customer", ticket.ticketId(), true)).message();
    assertThat(message.handoff()).isTrue();
    assertThat(message.shownInApp()).isTrue();
    assertThat(repository.findMessage("ai-handoff")).contains(message);
  }

  @Test
  void checksAccessToTheTicket() {
    Ticket ticket = ticketWithHistory();
    assertThatThrownBy(() -> service.respond(OTHER, new AiRequest("Hi there", ticket.ticketId(), true)))
        .isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(() -> service.respond(OWNER, new AiRequest("Hi there", "nope", false)))
        .isInstanceOf(NotFoundException.class);
    assertThat(service.respond(ADMIN, new AiRequest("Hi there", ticket.ticketId(), false)).answer()).isNotNull();
    assertThat(repository.allMessages()).hasSize(2);
  }

  @Test
  void validatesTheRequest() {
    assertThatThrownBy(() -> service.respond(OWNER, new AiRequest(null, null, false)))
        .isInstanceOfSatisfying(ValidationException.class,
            e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("message"));
    assertThatThrownBy(() -> service.respond(OWNER, new AiRequest("   ", null, false)))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> service.respond(OWNER, new AiRequest("x".repeat(4_001), null, false)))
        .hasMessageContaining("at most 4000");
    assertThat(service.respond(OWNER, new AiRequest("x".repeat(4_000), null, false))).isNotNull();
    assertThatThrownBy(() -> service.respond(OWNER, new AiRequest("Add this please", null, true)))
        .isInstanceOfSatisfying(ValidationException.class,
            e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("ticket_id"));
    assertThat(asked).hasSize(1);
  }
}
