package com.commercive.support.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.commercive.support.assistant.Answer;
import com.commercive.support.assistant.Assistant;
import com.commercive.support.assistant.Question;
import com.commercive.support.assistant.Source;
import com.commercive.support.assistant.Topic;
import com.commercive.support.domain.Message;
import com.commercive.support.domain.Priority;
import com.commercive.support.domain.SenderType;
import com.commercive.support.domain.Ticket;
import com.commercive.support.domain.TicketChange;
import com.commercive.support.domain.TicketStatus;
import com.commercive.support.domain.User;
import com.commercive.support.fakes.InMemoryIdempotencyStore;
import com.commercive.support.fakes.InMemoryTicketRepository;
import com.commercive.support.fakes.InMemoryUserDirectory;
import com.commercive.support.fakes.MutableClock;
import com.commercive.support.pipeline.AutoReplyService.Outcome;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PipelineServicesTest {
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
  final InMemoryTicketRepository repository = new InMemoryTicketRepository();
  final RecordingQueue queue = new RecordingQueue();
  final List<Question> asked = new ArrayList<>();
  boolean handOff;
  final Assistant assistant = question -> {
    asked.add(question);
    return handOff
        ? new Answer("A person will follow up.", Topic.GENERAL, 0.2, List.of(), true)
        : new Answer("Click Sync now.", Topic.INVENTORY, 0.8, List.of(new Source("a", "A")), false);
  };
  int sequence;

  static final class RecordingQueue implements WorkQueue {
    final List<AiJob> jobs = new ArrayList<>();
    final List<Notification> notifications = new ArrayList<>();

    @Override
    public void enqueue(AiJob job) {
      jobs.add(job);
    }

    @Override
    public void enqueue(Notification notification) {
      notifications.add(notification);
    }

    int warmUps;

    @Override
    public void warmUp() {
      warmUps++;
    }
  }

  Ticket ticket() {
    Ticket ticket = Ticket.open("t-" + (++sequence), "user-1", "Products <missing>\r\nBcc: x@evil", Priority.HIGH, clock.instant());
    repository.put(ticket);
    return ticket;
  }

  Message post(Ticket ticket, SenderType sender, String text) {
    clock.advance(Duration.ofSeconds(1));
    Message message = new Message("m-" + String.format("%04d", ++sequence), ticket.ticketId(),
        sender == SenderType.USER ? "user-1" : "admin-1", sender, text, null, clock.instant());
    Ticket current = repository.find(ticket.ticketId()).orElseThrow();
    repository.apply(current, new TicketChange(message,
        sender == SenderType.USER ? TicketStatus.OPEN : current.status(), clock.instant(),
        sender == SenderType.ADMIN));
    return message;
  }

  List<Message> aiMessages(Ticket ticket) {
    return repository.allMessages().stream()
        .filter(m -> m.ticketId().equals(ticket.ticketId()) && m.senderType() == SenderType.AI).toList();
  }

  @Nested
  class Routing {
    final ChangeRouter router = new ChangeRouter(queue, true);

    @Test
    void aWarmUpReachesTheQueuesAndQueuesNothing() {
      router.warmUp();

      assertThat(queue.warmUps).isEqualTo(1);
      assertThat(queue.jobs).isEmpty();
      assertThat(queue.notifications).isEmpty();
    }

    @Test
    void aMerchantsMessageBecomesAJobAndATeamNotification() {
      Ticket ticket = ticket();
      Message message = post(ticket, SenderType.USER, "help");
      router.messageAdded("event-1", message);
      assertThat(queue.jobs).containsExactly(new AiJob(ticket.ticketId(), message.messageId(), "event-1"));
      assertThat(queue.notifications).singleElement().satisfies(n -> {
        assertThat(n.kind()).isEqualTo(Notification.Kind.CUSTOMER_MESSAGE);
        assertThat(n.kind().audience()).isEqualTo(Notification.Audience.ADMINS);
      });
    }

    @Test
    void repliesNotifyTheOwnerAndNeverBecomeJobs() {
      Ticket ticket = ticket();
      router.messageAdded("e1", post(ticket, SenderType.ADMIN, "answer"));
      router.messageAdded("e2", post(ticket, SenderType.AI, "ai answer"));
      assertThat(queue.jobs).isEmpty();
      assertThat(queue.notifications).extracting(Notification::kind)
          .containsExactly(Notification.Kind.REPLY, Notification.Kind.REPLY);
    }

    @Test
    void withAutoRepliesOffOnlyNotifies() {
      new ChangeRouter(queue, false).messageAdded("e", post(ticket(), SenderType.USER, "hi"));
      assertThat(queue.jobs).isEmpty();
      assertThat(queue.notifications).hasSize(1);
    }

    @Test
    void ticketsOpenedEmptyAndTicketsClosedNotify() {
      Ticket empty = ticket();
      Ticket withMessage = empty.with(new TicketChange(
          new Message("m", empty.ticketId(), "user-1", SenderType.USER, "x", null, clock.instant()),
          TicketStatus.OPEN, clock.instant(), false));
      Ticket closed = withMessage.with(new TicketChange(null, TicketStatus.CLOSED, clock.instant(), true));

      assertThat(router.ticketChanged(null, empty)).singleElement()
          .satisfies(n -> assertThat(((Notification) n).kind()).isEqualTo(Notification.Kind.NEW_TICKET));
      assertThat(router.ticketChanged(null, withMessage)).isEmpty();
      assertThat(router.ticketChanged(empty, withMessage)).isEmpty();
      assertThat(router.ticketChanged(withMessage, closed)).singleElement()
          .satisfies(n -> assertThat(((Notification) n).kind()).isEqualTo(Notification.Kind.TICKET_CLOSED));
      assertThat(router.ticketChanged(closed, closed)).isEmpty();
      assertThat(router.ticketChanged(closed, null)).isEmpty();
    }
  }

  @Nested
  class AutoReplies {
    AutoReplyService service;

    @BeforeEach
    void setUp() {
      service = new AutoReplyService(repository, assistant, clock, true, 2, Duration.ZERO);
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
      assertThat(queue.jobs).isEmpty();
      assertThat(queue.notifications).isEmpty();
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
      AutoReplyService off = new AutoReplyService(repository, assistant, clock, false, 2, Duration.ZERO);
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
    void aHandoffIsVisibleAndTellsTheTeam() {
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
      // The worker queues nothing itself: the stream processor turns the stored reply into work.
      assertThat(queue.notifications).isEmpty();
      List<Work> work = new ChangeRouter(queue, true).messageAdded("event-1", reply);
      assertThat(work).extracting(n -> ((Notification) n).kind())
          .containsExactly(Notification.Kind.REPLY, Notification.Kind.HANDOFF);
      assertThat(work).allSatisfy(n -> assertThat(((Notification) n).messageId())
          .isEqualTo(AutoReplyService.replyId(question.messageId())));
    }

    /** Issue 13: the same handoff behaviour for an answer the merchant asked for in the app. */
    @Test
    void anAnswerShownInTheAppIsNotEmailedButItsHandoffAlertsTheTeam() {
      Ticket ticket = ticket();
      Instant at = clock.instant();
      Message shownHandoff = new Message("ai-1", ticket.ticketId(), "assistant", SenderType.AI,
          "A person will follow up.", null, at, true, true);
      Message shownAnswer = new Message("ai-2", ticket.ticketId(), "assistant", SenderType.AI,
          "Here is how.", null, at, false, true);
      ChangeRouter router = new ChangeRouter(queue, true);
      assertThat(router.messageAdded("e-1", shownHandoff)).extracting(n -> ((Notification) n).kind())
          .containsExactly(Notification.Kind.HANDOFF);
      assertThat(router.messageAdded("e-2", shownAnswer)).isEmpty();
    }

    @Test
    void limitsAutoRepliesPerUser() {
      var limiter = new com.commercive.support.service.RateLimiter(new com.commercive.support.fakes.InMemoryRateLimitStore(),
          clock, java.util.Map.of(com.commercive.support.service.RateLimiter.Limit.AUTO_REPLIES, 1));
      AutoReplyService limited = new AutoReplyService(repository, assistant, clock, true, 5, Duration.ZERO, limiter);
      assertThat(limited.handle(job(post(ticket(), SenderType.USER, "first")))).isEqualTo(Outcome.REPLIED);
      assertThat(limited.handle(job(post(ticket(), SenderType.USER, "second ticket")))).isEqualTo(Outcome.SKIPPED_RATE_LIMITED);
      assertThat(asked).hasSize(1);
    }

    @Test
    void waitsForABurstToSettle() {
      Ticket ticket = ticket();
      Message question = post(ticket, SenderType.USER, "hello");
      clock.advance(Duration.ofMillis(-1_000));
      AutoReplyService patient = new AutoReplyService(repository, assistant, clock, true, 2, Duration.ofMillis(200));
      long started = System.nanoTime();
      patient.handle(job(question));
      assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(150);
    }
  }

  @Nested
  class Notifications {
    final InMemoryIdempotencyStore sends = new InMemoryIdempotencyStore();
    final List<Email> outbox = new ArrayList<>();
    int failuresLeft;
    final EmailSender sender = email -> {
      if (failuresLeft > 0) {
        failuresLeft--;
        throw new IllegalStateException("SES throttled");
      }
      outbox.add(email);
    };
    NotificationService service;

    @BeforeEach
    void setUp() {
      service = new NotificationService(repository,
          new InMemoryUserDirectory(new User("user-1", "Dana", "dana@example.com", "user")),
          sends, sender, new EmailComposer(URI.create("https://app.commercive.com")),
          List.of("support@commercive.com", "lead@commercive.com"), clock);
    }

    @Test
    void aWarmUpReadsButSendsAndRecordsNothing() {
      service.warmUp();

      assertThat(repository.calls()).isPositive();
      assertThat(outbox).isEmpty();
      assertThat(sends.size()).isZero();
    }

    @Test
    void emailsTheOwnerOnceWhateverTheDeliveries() {
      Ticket ticket = ticket();
      Message reply = post(ticket, SenderType.ADMIN, "Try <b>Sync now</b> & wait");
      Notification notification = new Notification("message-" + reply.messageId(),
          Notification.Kind.REPLY, ticket.ticketId(), reply.messageId());

      assertThat(service.handle(notification).sent()).isEqualTo(1);
      assertThat(service.handle(notification).alreadySent()).isEqualTo(1);

      assertThat(outbox).singleElement().satisfies(email -> {
        assertThat(email.to()).isEqualTo("dana@example.com");
        assertThat(email.subject())
            .isEqualTo("[Commercive Support] Re: Products <missing>  Bcc: x@evil (#" + ticket.ticketId() + ")")
            .doesNotContain("\r").doesNotContain("\n");
        assertThat(email.text()).contains("Try <b>Sync now</b> & wait")
            .contains("https://app.commercive.com/support/tickets/" + ticket.ticketId());
        assertThat(email.html()).contains("Try &lt;b&gt;Sync now&lt;/b&gt; &amp; wait").doesNotContain("<b>");
      });
    }

    @Test
    void emailsEveryAdminForTheTeamsNotifications() {
      Ticket ticket = ticket();
      service.handle(new Notification("ticket-" + ticket.ticketId(), Notification.Kind.NEW_TICKET, ticket.ticketId(), null));
      assertThat(outbox).extracting(Email::to).containsExactly("support@commercive.com", "lead@commercive.com");
      assertThat(outbox.get(0).subject()).startsWith("[Commercive Support] New ticket: ");
    }

    @Test
    void aFailedSendIsRetriedAndOnlyTheMissingRecipientsAreServed() {
      Ticket ticket = ticket();
      Message message = post(ticket, SenderType.USER, "hello");
      Notification notification = new Notification("message-" + message.messageId(),
          Notification.Kind.CUSTOMER_MESSAGE, ticket.ticketId(), message.messageId());
      service.handle(notification);
      outbox.clear();
      failuresLeft = 1;
      Notification other = new Notification("n-2", Notification.Kind.CUSTOMER_MESSAGE, ticket.ticketId(), message.messageId());
      assertThatThrownBy(() -> service.handle(other)).hasMessageContaining("SES throttled");
      assertThat(service.handle(other).sent()).isEqualTo(2);
      assertThat(outbox).hasSize(2);
      assertThat(service.handle(notification).alreadySent()).isEqualTo(2);
    }

    @Test
    void aTicketCannotFloodInboxes() {
      var limiter = new com.commercive.support.service.RateLimiter(new com.commercive.support.fakes.InMemoryRateLimitStore(),
          clock, java.util.Map.of(com.commercive.support.service.RateLimiter.Limit.EMAILS_PER_TICKET, 3));
      NotificationService limited = new NotificationService(repository,
          new InMemoryUserDirectory(new User("user-1", "Dana", "dana@example.com", "user")),
          sends, sender, new EmailComposer(URI.create("https://app.commercive.com")), List.of("a@c.com"), clock, limiter);
      Ticket ticket = ticket();
      for (int i = 0; i < 5; i++) {
        Message reply = post(ticket, SenderType.ADMIN, "reply " + i);
        limited.handle(new Notification("n-" + i, Notification.Kind.REPLY, ticket.ticketId(), reply.messageId()));
      }
      assertThat(outbox).hasSize(3);
      assertThat(limited.handle(new Notification("n-0", Notification.Kind.REPLY, ticket.ticketId(),
          repository.allMessages().get(0).messageId())).alreadySent()).isEqualTo(1);
    }

    @Test
    void skipsWhatCannotBeSent() {
      assertThat(service.handle(new Notification("x", Notification.Kind.REPLY, "missing", null)).skippedBecause())
          .isEqualTo("no such ticket");
      Ticket orphan = Ticket.open("t-orphan", "nobody", "Hello there", Priority.LOW, clock.instant());
      repository.put(orphan);
      assertThat(service.handle(new Notification("y", Notification.Kind.TICKET_CLOSED, "t-orphan", null)).skippedBecause())
          .isEqualTo("no recipients");
      assertThat(outbox).isEmpty();
    }
  }
}
