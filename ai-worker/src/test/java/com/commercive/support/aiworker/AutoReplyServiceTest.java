package com.commercive.support.aiworker;

import static org.assertj.core.api.Assertions.assertThat;
import com.commercive.support.config.AutoReplySettings;
import com.commercive.support.service.AppendMessage;
import com.commercive.support.service.RateLimiter;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.commercive.support.aiworker.AutoReplyService.Outcome;
import com.commercive.support.assistant.Answer;
import com.commercive.support.assistant.Assistant;
import com.commercive.support.assistant.Question;
import com.commercive.support.assistant.Source;
import com.commercive.support.assistant.Topic;
import com.commercive.support.domain.Priority;
import com.commercive.support.domain.PrioritySource;
import com.commercive.support.domain.ServiceLevels;
import com.commercive.support.domain.Message;
import com.commercive.support.domain.SenderType;
import com.commercive.support.domain.Ticket;
import com.commercive.support.domain.TicketChange;
import com.commercive.support.domain.TicketStatus;
import com.commercive.support.fakes.InMemoryAgentRoster;
import com.commercive.support.pipeline.AiJob;
import com.commercive.support.service.AssignmentService;
import com.commercive.support.testkit.TicketScenario;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Auto-replies: one per burst, never after a person or a close, capped, limited, visible handoffs. */
class AutoReplyServiceTest extends TicketScenario {
  final List<Question> asked = new ArrayList<>();
  boolean handOff;
  final Assistant assistant = question -> {
    asked.add(question);
    return handOff
        ? new Answer("A person will follow up.", Topic.GENERAL, 0.2, List.of(), true)
        : new Answer("Click Sync now.", Topic.INVENTORY, 0.8, List.of(new Source("a", "A")), false);
  };
  AutoReplyService service;

  @BeforeEach
  void setUp() {
    service = new AutoReplyService(repository, new AppendMessage(repository, com.commercive.support.domain.ServiceLevels.DEFAULT, clock), assistant, new AutoReplySettings(true, 2, Duration.ZERO), RateLimiter.unlimited(), null, AssistantAnnouncer.NONE, clock);
  }

  AiJob job(Message message) {
    return new AiJob(message.ticketId(), message.messageId(), "event-" + message.messageId());
  }

  @Test
  void aWarmUpReadsAndAsksButWritesAndQueuesNothing() {
    service.warmUp();

    assertThat(asked).singleElement().extracting(Question::text).isEqualTo(Assistant.WARM_UP_QUESTION);
    assertThat(repository.calls()).isPositive();
    assertThat(repository.allMessages()).isEmpty();
  }

  /** Issue 15: a merchant asking for a person gets no assistant answer, and the ticket waits for an agent. */
  @Test
  void aMerchantAskingForAPersonIsHandedOffAndTheTicketWaitsForAnAgent() {
    AutoReplyService assigning = new AutoReplyService(repository, new AppendMessage(repository, com.commercive.support.domain.ServiceLevels.DEFAULT, clock), assistant, new AutoReplySettings(true, 2, Duration.ZERO), com.commercive.support.service.RateLimiter.unlimited(), new AssignmentService(repository, new InMemoryAgentRoster(), clock), AssistantAnnouncer.NONE, clock);
    Ticket ticket = ticket();
    Message question = post(ticket, SenderType.USER, "This is useless, let me talk to a real person");
    assertThat(assigning.handle(job(question))).isEqualTo(Outcome.HANDED_OFF);
    assertThat(asked).isEmpty();
    assertThat(aiMessages(ticket)).singleElement().satisfies(m -> {
      assertThat(m.handoff()).isTrue();
      assertThat(m.text()).isEqualTo(AutoReplyService.PERSON_REQUESTED_TEXT);
    });
    assertThat(repository.find(ticket.ticketId()).orElseThrow().waitingSince()).isNotNull();

    // Auto-replies off: every merchant's message needs a person.
    AutoReplyService off = new AutoReplyService(repository, new AppendMessage(repository, com.commercive.support.domain.ServiceLevels.DEFAULT, clock), assistant, new AutoReplySettings(false, 2, Duration.ZERO), com.commercive.support.service.RateLimiter.unlimited(), new AssignmentService(repository, new InMemoryAgentRoster(), clock), AssistantAnnouncer.NONE, clock);
    Ticket other = ticket();
    assertThat(off.handle(job(post(other, SenderType.USER, "Where is my payout?")))).isEqualTo(Outcome.SKIPPED_DISABLED);
    assertThat(repository.waiting(10)).extracting(Ticket::ticketId).containsExactly(ticket.ticketId(), other.ticketId());
    // An answer the assistant gave leaves the ticket alone.
    Ticket answered = ticket();
    assertThat(assigning.handle(job(post(answered, SenderType.USER, "How do I sync?")))).isEqualTo(Outcome.REPLIED);
    assertThat(repository.find(answered.ticketId()).orElseThrow().waitingSince()).isNull();
  }

  /** Issue 25: the assistant's topic is a signal of priority detection, on the opening only, never over an agent. */
  @Test
  void theAssistantsTopicRaisesAnOpeningThatStatesAProblemWithoutNamingItsArea() {
    Assistant payouts = question -> new Answer("Payouts are sent on Fridays.", Topic.PAYOUTS, 0.8,
        List.of(new Source("payouts-pending-or-missing", "Payouts")), false);
    AutoReplyService reading = new AutoReplyService(repository,
        new AppendMessage(repository, ServiceLevels.DEFAULT, clock), payouts, new AutoReplySettings(true, 5, Duration.ZERO),
        RateLimiter.unlimited(), null, AssistantAnnouncer.NONE, clock);
    String opening = "It's been ten days and still nothing. Where is it?";

    Ticket low = lowTicket("t-raised");
    assertThat(reading.handle(job(post(low, SenderType.USER, opening)))).isEqualTo(Outcome.REPLIED);
    Ticket raised = repository.find(low.ticketId()).orElseThrow();
    assertThat(raised.priority()).isEqualTo(Priority.HIGH);
    assertThat(raised.prioritySource()).isEqualTo(PrioritySource.AUTO);
    assertThat(raised.priorityReason()).isEqualTo("mentions money missing or held");
    assertThat(raised.sla().firstResponseDueAt()).isEqualTo(low.createdAt().plus(Duration.ofHours(1)));

    Ticket otherArea = lowTicket("t-inventory");
    assertThat(service.handle(job(post(otherArea, SenderType.USER, opening)))).isEqualTo(Outcome.REPLIED);
    assertThat(repository.find(otherArea.ticketId()).orElseThrow().priority()).as("an inventory question").isEqualTo(Priority.LOW);

    Ticket later = lowTicket("t-later");
    reading.handle(job(post(later, SenderType.USER, "How do payouts work?")));
    assertThat(reading.handle(job(post(later, SenderType.USER, opening)))).isEqualTo(Outcome.REPLIED);
    assertThat(repository.find(later.ticketId()).orElseThrow().priority()).as("later messages never raise")
        .isEqualTo(Priority.LOW);

    Ticket agents = lowTicket("t-agent");
    Ticket stored = repository.find(agents.ticketId()).orElseThrow();
    repository.apply(stored, stored.edit(null, Priority.LOW, null, clock.instant(), ServiceLevels.DEFAULT).orElseThrow());
    assertThat(reading.handle(job(post(agents, SenderType.USER, opening)))).isEqualTo(Outcome.REPLIED);
    assertThat(repository.find(agents.ticketId()).orElseThrow())
        .satisfies(t -> assertThat(t.priority()).isEqualTo(Priority.LOW))
        .satisfies(t -> assertThat(t.prioritySource()).as("the agent's priority wins").isEqualTo(PrioritySource.AGENT));
  }

  Ticket lowTicket(String id) {
    Ticket ticket = Ticket.open(id, "user-1", "hello", Priority.LOW, clock.instant(), ServiceLevels.DEFAULT);
    repository.put(ticket);
    return ticket;
  }

  /** Issue 15: a note of the team written before the job runs is neither asked about nor given as context. */
  @Test
  void anInternalNoteIsNeverAskedAboutNorGivenAsContext() {
    Ticket ticket = ticket();
    Message question = post(ticket, SenderType.USER, "My products are missing");
    clock.advance(java.time.Duration.ofSeconds(1));
    repository.addNote(Message.note("note-1", ticket.ticketId(), "admin-1", "Known bug, ETA Friday", null,
        clock.instant()));

    assertThat(service.handle(job(question))).isEqualTo(Outcome.REPLIED);
    assertThat(asked).singleElement().satisfies(q -> {
      assertThat(q.text()).isEqualTo("My products are missing");
      assertThat(q.history()).noneMatch(turn -> turn.text().contains("Known bug"));
    });
  }

  @Test
  void repliesOnceEvenWhenTheJobIsDeliveredAgain() {
    Ticket ticket = ticket();
    Message question = post(ticket, SenderType.USER, "My products are missing");

    assertThat(service.handle(job(question))).isEqualTo(Outcome.REPLIED);
    assertThat(service.handle(job(question))).isEqualTo(Outcome.ALREADY_REPLIED);

    assertThat(aiMessages(ticket)).singleElement().satisfies(m -> {
      assertThat(m.messageId()).isEqualTo(AutoReplyService.replyId(question.messageId()));
      assertThat(m.text()).isEqualTo("Click Sync now.");
    });
    Ticket after = repository.find(ticket.ticketId()).orElseThrow();
    assertThat(after.aiReplies()).isEqualTo(1);
    assertThat(after.status()).isEqualTo(TicketStatus.OPEN);
    assertThat(asked).singleElement().satisfies(q -> assertThat(q.ticketSubject()).startsWith("Products"));
  }

  @Test
  void aBurstGetsOneReplyThatAnswersEveryMessage() {
    Ticket ticket = ticket();
    Message first = post(ticket, SenderType.USER, "Hi");
    Message second = post(ticket, SenderType.USER, "My products are missing");
    Message third = post(ticket, SenderType.USER, "Since yesterday");

    assertThat(service.handle(job(first))).isEqualTo(Outcome.SKIPPED_ANSWERED_LATER);
    assertThat(service.handle(job(second))).isEqualTo(Outcome.SKIPPED_ANSWERED_LATER);
    assertThat(service.handle(job(third))).isEqualTo(Outcome.REPLIED);

    assertThat(aiMessages(ticket)).hasSize(1);
    assertThat(asked).singleElement().satisfies(q ->
        assertThat(q.text()).isEqualTo("Hi\n\nMy products are missing\n\nSince yesterday"));
  }

  @Test
  void jobsDeliveredOutOfOrderStillGiveOneReply() {
    Ticket ticket = ticket();
    Message first = post(ticket, SenderType.USER, "My payout is missing");
    Message second = post(ticket, SenderType.USER, "It was due last week");

    assertThat(service.handle(job(second))).isEqualTo(Outcome.REPLIED);
    assertThat(service.handle(job(first))).isEqualTo(Outcome.SKIPPED_NOTHING_TO_ANSWER);
    assertThat(service.handle(job(second))).isEqualTo(Outcome.ALREADY_REPLIED);
    assertThat(aiMessages(ticket)).hasSize(1);
    assertThat(asked).singleElement().satisfies(q ->
        assertThat(q.text()).isEqualTo("My payout is missing\n\nIt was due last week"));
  }

  @Test
  void staysQuietOnceAPersonReplied() {
    Ticket ticket = ticket();
    post(ticket, SenderType.ADMIN, "I'm on it");
    Message question = post(ticket, SenderType.USER, "Thanks, any news?");
    assertThat(service.handle(job(question))).isEqualTo(Outcome.SKIPPED_HUMAN_REPLIED);
    assertThat(aiMessages(ticket)).isEmpty();
    assertThat(asked).isEmpty();
  }

  @Test
  void staysQuietOnClosedTicketsAndWhenDisabled() {
    Ticket ticket = ticket();
    Message question = post(ticket, SenderType.USER, "hello");
    repository.put(repository.find(ticket.ticketId()).orElseThrow()
        .with(new TicketChange(null, TicketStatus.CLOSED, clock.instant(), false)));
    assertThat(service.handle(job(question))).isEqualTo(Outcome.SKIPPED_CLOSED);
    AutoReplyService off = new AutoReplyService(repository, new AppendMessage(repository, com.commercive.support.domain.ServiceLevels.DEFAULT, clock), assistant, new AutoReplySettings(false, 2, Duration.ZERO), RateLimiter.unlimited(), null, AssistantAnnouncer.NONE, clock);
    assertThat(off.handle(job(question))).isEqualTo(Outcome.SKIPPED_DISABLED);
    assertThat(asked).isEmpty();
  }

  @Test
  void capsRepliesPerTicket() {
    Ticket ticket = ticket();
    for (int i = 0; i < 2; i++) {
      assertThat(service.handle(job(post(ticket, SenderType.USER, "question " + i)))).isEqualTo(Outcome.REPLIED);
    }
    assertThat(service.handle(job(post(ticket, SenderType.USER, "one more")))).isEqualTo(Outcome.SKIPPED_CAP_REACHED);
    assertThat(aiMessages(ticket)).hasSize(2);
  }

  @Test
  void aHandoffIsStoredVisibleAndMarkedForTheTeam() {
    handOff = true;
    Ticket ticket = ticket();
    Message question = post(ticket, SenderType.USER, "Can you refund my customer?");
    assertThat(service.handle(job(question))).isEqualTo(Outcome.HANDED_OFF);
    Message reply = aiMessages(ticket).get(0);
    assertThat(aiMessages(ticket)).singleElement().satisfies(m -> {
      assertThat(m.text()).isEqualTo("A person will follow up.");
      assertThat(m.handoff()).isTrue();
      assertThat(m.shownInApp()).isFalse();
    });
    assertThat(aiMessages(ticket).get(0).messageId()).isEqualTo(AutoReplyService.replyId(question.messageId()));
  }

  @Test
  void limitsAutoRepliesPerUser() {
    var limiter = new com.commercive.support.service.RateLimiter(new com.commercive.support.fakes.InMemoryRateLimitStore(),
        clock, java.util.Map.of(com.commercive.support.service.RateLimiter.Limit.AUTO_REPLIES, 1));
    AutoReplyService limited = new AutoReplyService(repository, new AppendMessage(repository, com.commercive.support.domain.ServiceLevels.DEFAULT, clock), assistant, new AutoReplySettings(true, 5, Duration.ZERO), limiter, null, AssistantAnnouncer.NONE, clock);
    assertThat(limited.handle(job(post(ticket(), SenderType.USER, "first")))).isEqualTo(Outcome.REPLIED);
    assertThat(limited.handle(job(post(ticket(), SenderType.USER, "second ticket")))).isEqualTo(Outcome.SKIPPED_RATE_LIMITED);
    assertThat(asked).hasSize(1);
  }

  @Test
  void waitsForABurstToSettle() {
    Ticket ticket = ticket();
    Message question = post(ticket, SenderType.USER, "hello");
    clock.advance(Duration.ofMillis(-1_000));
    AutoReplyService patient = new AutoReplyService(repository, new AppendMessage(repository, com.commercive.support.domain.ServiceLevels.DEFAULT, clock), assistant, new AutoReplySettings(true, 2, Duration.ofMillis(200)), RateLimiter.unlimited(), null, AssistantAnnouncer.NONE, clock);
    long started = System.nanoTime();
    patient.handle(job(question));
    assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(150);
  }

  /** What an announcer was told, in order: "typing <ticket>" and "replied <message id>". */
  static final class RecordingAnnouncer implements AssistantAnnouncer {
    final java.util.List<String> told = new java.util.ArrayList<>();
    boolean failing;

    @Override
    public void startedAnswering(String ticketId) {
      told.add("typing " + ticketId);
      if (failing) {
        throw new IllegalStateException("connections table unreachable");
      }
    }

    @Override
    public void replied(Message reply) {
      told.add("replied " + reply.messageId());
      if (failing) {
        throw new IllegalStateException("connections table unreachable");
      }
    }
  }

  @Test
  void theAssistantStartingOnAQuestionAndItsStoredReplyAreAnnouncedButNotForARequestForAPerson() {
    RecordingAnnouncer announcer = new RecordingAnnouncer();
    AutoReplyService announcing = new AutoReplyService(repository, new AppendMessage(repository, com.commercive.support.domain.ServiceLevels.DEFAULT, clock), assistant, new AutoReplySettings(true, 5, Duration.ZERO), com.commercive.support.service.RateLimiter.unlimited(), null, announcer, clock);
    Ticket question = ticket();
    Message asked = post(question, SenderType.USER, "How do I request a payout?");
    announcing.handle(job(asked));
    Ticket person = ticket();
    Message wantsPerson = post(person, SenderType.USER, "I want to talk to a human please");
    announcing.handle(job(wantsPerson));
    // A redelivered job stores nothing and announces nothing.
    announcing.handle(job(asked));

    assertThat(announcer.told).containsExactly("typing " + question.ticketId(),
        "replied " + AutoReplyService.replyId(asked.messageId()),
        "replied " + AutoReplyService.replyId(wantsPerson.messageId()));
  }

  @Test
  void aFailedAnnouncementNeitherStopsNorFailsTheReply() {
    RecordingAnnouncer announcer = new RecordingAnnouncer();
    announcer.failing = true;
    AutoReplyService announcing = new AutoReplyService(repository, new AppendMessage(repository, com.commercive.support.domain.ServiceLevels.DEFAULT, clock), assistant, new AutoReplySettings(true, 5, Duration.ZERO), com.commercive.support.service.RateLimiter.unlimited(), null, announcer, clock);
    Message asked = post(ticket(), SenderType.USER, "How do I request a payout?");

    assertThat(announcing.handle(job(asked))).isEqualTo(Outcome.REPLIED);
    assertThat(repository.findMessage(AutoReplyService.replyId(asked.messageId()))).isPresent();
    assertThat(announcer.told).hasSize(2);
  }
}
