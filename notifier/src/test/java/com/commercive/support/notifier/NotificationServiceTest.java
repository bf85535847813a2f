package com.commercive.support.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import com.commercive.support.email.Email;
import com.commercive.support.email.EmailSender;
import com.commercive.support.service.RateLimiter;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.commercive.support.domain.Message;
import com.commercive.support.domain.Priority;
import com.commercive.support.domain.SenderType;
import com.commercive.support.domain.Ticket;
import com.commercive.support.domain.User;
import com.commercive.support.fakes.InMemoryClaimStore;
import com.commercive.support.fakes.InMemoryUserDirectory;
import com.commercive.support.pipeline.Notification;
import com.commercive.support.testkit.TicketScenario;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Notifications become emails once each, to the right people, within each ticket's limit. */
class NotificationServiceTest extends TicketScenario {
  final InMemoryClaimStore sends = new InMemoryClaimStore();
  final List<Email> outbox = new ArrayList<>();
  int failuresLeft;
  final EmailSender sender = email -> {
    if (failuresLeft > 0) {
      failuresLeft--;
      throw new IllegalStateException("SES throttled");
    }
    outbox.add(email);
    return "ses-" + outbox.size();
  };
  NotificationService service;

  @BeforeEach
  void setUp() {
    service = new NotificationService(repository, new InMemoryUserDirectory(new User("user-1", "Dana", "dana@example.com", "user"),
        new User("admin-1", "Alex", "alex@commercive.com", "admin")), sends, sender, new EmailComposer(URI.create("https://app.commercive.com")), List.of("support@commercive.com", "lead@commercive.com"), clock, RateLimiter.unlimited());
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
    NotificationService limited = new NotificationService(repository, new InMemoryUserDirectory(new User("user-1", "Dana", "dana@example.com", "user")), sends, sender, new EmailComposer(URI.create("https://app.commercive.com")), List.of("a@c.com"), clock, limiter);
    Ticket ticket = ticket();
    for (int i = 0; i < 5; i++) {
      Message reply = post(ticket, SenderType.ADMIN, "reply " + i);
      limited.handle(new Notification("n-" + i, Notification.Kind.REPLY, ticket.ticketId(), reply.messageId()));
    }
    assertThat(outbox).hasSize(3);
    assertThat(limited.handle(new Notification("n-0", Notification.Kind.REPLY, ticket.ticketId(),
        repository.allMessages().get(0).messageId())).alreadySent()).isEqualTo(1);
  }

  /** Issue 15: an assignment email goes to the agent it names, once. */
  @Test
  void anAssignmentEmailsItsAgentOnce() {
    Ticket ticket = ticket();
    Notification assigned = new Notification("assigned-1", Notification.Kind.ASSIGNED, ticket.ticketId(), null, "admin-9");
    NotificationService withAgent = new NotificationService(repository, new InMemoryUserDirectory(
        new User("user-1", "Dana", "dana@example.com", "user"), new User("admin-9", "Sam", "sam@example.com", "admin")), sends, sender, new EmailComposer(URI.create("https://app.commercive.com")), List.of("support@commercive.com"), clock, RateLimiter.unlimited());
    assertThat(withAgent.handle(assigned).sent()).isEqualTo(1);
    assertThat(withAgent.handle(assigned).alreadySent()).isEqualTo(1);
    assertThat(outbox).singleElement().satisfies(email -> {
      assertThat(email.to()).isEqualTo("sam@example.com");
      assertThat(email.subject()).startsWith("[Commercive Support] Assigned to you: Products");
      assertThat(email.text()).contains("Dana").contains("is now yours");
    });
    assertThat(service.handle(new Notification("assigned-2", Notification.Kind.ASSIGNED, ticket.ticketId(), null,
        "nobody")).skippedBecause()).isEqualTo("no recipients");
  }

  /** Issue 15: even a notification naming a note (never queued) sends nothing to anyone. */
  @Test
  void aNotificationOfAnInternalNoteSendsNothing() {
    Ticket ticket = ticket();
    repository.addNote(Message.note("note-1", ticket.ticketId(), "admin-1", "Do not refund", null, clock.instant()));
    for (Notification.Kind kind : Notification.Kind.values()) {
      String agent = kind == Notification.Kind.ASSIGNED ? "admin-1" : null;
      var breach = kind == Notification.Kind.SLA_BREACH ? com.commercive.support.domain.SlaMetric.FIRST_RESPONSE : null;
      assertThat(service.handle(new Notification("n-" + kind, kind, ticket.ticketId(), "note-1", agent, breach))
          .skippedBecause())
          .isEqualTo("internal note");
    }
    assertThat(outbox).isEmpty();
  }

  @Test
  void aLateTicketIsEmailedToItsAssigneeOrElseToTheTeam() {
    Ticket ticket = ticket();
    var late = com.commercive.support.domain.SlaMetric.FIRST_RESPONSE;
    service.handle(new Notification("b-1", Notification.Kind.SLA_BREACH, ticket.ticketId(), null, null, late));
    service.handle(new Notification("b-2", Notification.Kind.SLA_BREACH, ticket.ticketId(), null, "admin-1", late));
    service.handle(new Notification("b-2", Notification.Kind.SLA_BREACH, ticket.ticketId(), null, "admin-1", late));
    assertThat(outbox).extracting(com.commercive.support.email.Email::to).containsExactly("support@commercive.com", "lead@commercive.com",
        "alex@commercive.com");
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

  /** Issue 26: who may answer an email by replying to it, as whom, and the book of who was emailed where. */
  @Test
  void withRepliesByEmailTheOwnerAndAgentsGetReplyAddressesAndTheTeamListOnlyForAgentsAddresses() {
    var replies = new com.commercive.support.email.ReplyAddresses("support.localhost",
        List.of("reply-key-for-tests-0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    var book = new com.commercive.support.fakes.InMemoryAddressBook();
    NotificationService replying = new NotificationService(repository, new InMemoryUserDirectory(
        new User("user-1", "Dana", "Dana@Example.com", "user"), new User("admin-1", "Alex", "alex@commercive.com", "admin"),
        new User("admin-9", "Sam", "sam@example.com", "admin")), sends, sender,
        new EmailComposer(URI.create("https://app.commercive.com"), "support.localhost", java.util.Optional.of(replies)),
        List.of("support@commercive.com", "alex@commercive.com"), clock, RateLimiter.unlimited(), book, true);
    Ticket ticket = ticket();
    Message answer = post(ticket, SenderType.ADMIN, "Try again");
    replying.handle(new Notification("r-1", Notification.Kind.REPLY, ticket.ticketId(), answer.messageId()));
    assertThat(outbox.get(0).replyTo()).isEqualTo(
        replies.address(ticket.ticketId(), "Dana@Example.com", com.commercive.support.email.ReplyAddresses.Role.OWNER)
            .orElseThrow());
    assertThat(outbox.get(0).text()).contains(EmailComposer.REPLYING_WORKS);
    assertThat(book.userAt("dana@example.com")).contains("user-1");
    assertThat(sends.claim(NotificationService.SENDS, com.commercive.support.util.Hashes.sha256("r-1\u0000Dana@Example.com"),
        "r-1", clock.instant(), clock.instant(), clock.instant()).orElseThrow().result())
        .as("the id SES gave the email is kept with its send")
        .hasValue(new NotificationService.Send(NotificationService.Send.Outcome.SENT, "ses-1"));

    Message question = post(ticket, SenderType.USER, "Still broken");
    Notification toTeam = new Notification("c-1", Notification.Kind.CUSTOMER_MESSAGE, ticket.ticketId(),
        question.messageId());
    replying.handle(toTeam);
    assertThat(outbox.subList(1, 3)).as("nobody on the list is known to be an agent yet")
        .allSatisfy(email -> assertThat(email.replyTo()).isNull());

    replying.handle(new Notification("a-1", Notification.Kind.ASSIGNED, ticket.ticketId(), null, "admin-9"));
    assertThat(outbox.get(3).replyTo()).isEqualTo(replies.address(ticket.ticketId(), "sam@example.com",
        com.commercive.support.email.ReplyAddresses.Role.AGENT).orElseThrow());
    assertThat(outbox.get(3).text()).contains(EmailComposer.REPLYING_ANSWERS_THE_MERCHANT);
    assertThat(book.userAt("sam@example.com")).contains("admin-9");

    book.remember("alex@commercive.com", "admin-1");
    book.remember("support@commercive.com", "user-1"); // a stale or wrong entry: the user record decides
    replying.handle(new Notification("c-2", Notification.Kind.CUSTOMER_MESSAGE, ticket.ticketId(),
        question.messageId()));
    assertThat(outbox.subList(4, 6)).extracting(Email::to, Email::replyTo).containsExactly(
        org.assertj.core.groups.Tuple.tuple("support@commercive.com", null),
        org.assertj.core.groups.Tuple.tuple("alex@commercive.com", replies.address(ticket.ticketId(),
            "alex@commercive.com", com.commercive.support.email.ReplyAddresses.Role.AGENT).orElseThrow()));
  }
}
