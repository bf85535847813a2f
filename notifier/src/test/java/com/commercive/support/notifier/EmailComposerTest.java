package com.commercive.support.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import com.commercive.support.email.Email;
import com.commercive.support.domain.Message;
import com.commercive.support.domain.Priority;
import com.commercive.support.domain.SenderType;
import com.commercive.support.domain.Ticket;
import com.commercive.support.domain.TicketChange;
import com.commercive.support.domain.TicketStatus;
import com.commercive.support.domain.User;
import com.commercive.support.pipeline.Notification;
import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EmailComposerTest {
  final EmailComposer composer = new EmailComposer(URI.create("https://app.commercive.com"));

  /** Issue 13: a subject stored before direction controls were refused still reads as written. */
  @Test
  void noDirectionControlOrLineBreakReachesAnEmailHeader() {
    Ticket ticket = Ticket.open("t-1", "user-1", "Refund \u202egnp.exe\u202c\r\nBcc: x@y.z\u200b", Priority.HIGH,
        Instant.parse("2026-12-01T10:00:00Z"));
    Email email = composer.compose(Notification.Kind.TICKET_CLOSED, ticket, null, "owner@example.com");
    assertThat(email.subject()).contains("Refund gnp.exe  Bcc: x@y.z")
        .doesNotContain("\u202e").doesNotContain("\u202c").doesNotContain("\u200b")
        .doesNotContain("\r").doesNotContain("\n");
  }

  static final User DANA = new User("user-1", "Dana Merchant", "dana@example.com", "user");
  static final Instant OPENED = Instant.parse("2026-12-01T10:00:00Z");

  /** Issue 13: the team's email about a new ticket said "Re:" and only "The merchant wrote:". */
  @Test
  void theTeamLearnsWhoWroteWhatAndHowUrgent() {
    Ticket ticket = Ticket.open("t-12345678", "user-1", "Orders not syncing", Priority.HIGH, OPENED);
    Message first = new Message("m-1", ticket.ticketId(), "user-1", SenderType.USER, "Nothing since Monday", null, OPENED);
    Email email = composer.compose(Notification.Kind.CUSTOMER_MESSAGE, ticket, first,
        new EmailComposer.Context(DANA, null), "team@example.com");
    assertThat(email.subject()).isEqualTo("[Commercive Support] New ticket: Orders not syncing [high priority] (#t-123456)");
    assertThat(email.text()).contains("Dana Merchant (dana@example.com) opened a ticket (priority high):")
        .contains("Nothing since Monday");
    Message later = new Message("m-2", ticket.ticketId(), "user-1", SenderType.USER, "Any news?", null,
        OPENED.plusSeconds(60));
    Email followUp = composer.compose(Notification.Kind.CUSTOMER_MESSAGE, ticket, later,
        new EmailComposer.Context(DANA, null), "team@example.com");
    assertThat(followUp.subject()).startsWith("[Commercive Support] Re: Orders not syncing [high priority]");
    assertThat(followUp.text()).contains("Dana Merchant (dana@example.com) wrote (priority high):").contains("Any news?");
  }

  /** Issue 13: the "needs a person" email did not quote the question. */
  @Test
  void filesAreNamedNeverLinked() {
    Ticket ticket = Ticket.open("t-3", "user-1", "Broken images", Priority.MEDIUM, OPENED);
    Message withFiles = new Message("m-1", ticket.ticketId(), "user-1", SenderType.USER, "See attached", null, OPENED,
        false, false, false, false, java.util.List.of(
            new com.commercive.support.domain.AttachedFile("a-1", "screenshot.png", "image/png", 2_048),
            new com.commercive.support.domain.AttachedFile("a-2", "<b>invoice</b>.pdf", "application/pdf", 9_000)));
    Email email = composer.compose(Notification.Kind.CUSTOMER_MESSAGE, ticket, withFiles,
        new EmailComposer.Context(DANA, null), "team@example.com");
    assertThat(email.text()).contains("See attached\n[attachment: screenshot.png]\n[attachment: <b>invoice</b>.pdf]")
        .doesNotContain("a-1").doesNotContain("attachments/");
    assertThat(email.html()).contains("[attachment: &lt;b&gt;invoice&lt;/b&gt;.pdf]").doesNotContain("a-1")
        .doesNotContain("<b>invoice");
  }

  @Test
  void aHandoffQuotesTheQuestion() {
    Ticket ticket = Ticket.open("t-2", "user-1", "Refund please", Priority.MEDIUM, OPENED);
    Message question = new Message("m-1", ticket.ticketId(), "user-1", SenderType.USER, "Can you refund order 1042?",
        null, OPENED);
    Message handoff = new Message("ai-m-1", ticket.ticketId(), "assistant", SenderType.AI, "A person will follow up.",
        null, OPENED.plusSeconds(1), true, false);
    Email email = composer.compose(Notification.Kind.HANDOFF, ticket, handoff,
        new EmailComposer.Context(DANA, question), "team@example.com");
    assertThat(email.subject()).startsWith("[Commercive Support] Needs a person: Refund please (#");
    assertThat(email.text()).contains("Dana Merchant (dana@example.com)").contains("priority medium")
        .contains("Can you refund order 1042?").doesNotContain("A person will follow up.");
  }

  /** Issue 13: a reply that closes the ticket is one email, the closing one, with the reply in it. */
  @Test
  void aReplyThatClosesTheTicketIsOneClosingEmail() {
    Ticket open = Ticket.open("t-3", "user-1", "Where is my payout", Priority.LOW, OPENED);
    Message closing = new Message("m-9", open.ticketId(), "admin-1", SenderType.ADMIN, "Sent today, closing.", null,
        OPENED.plusSeconds(30), false, false, true);
    Ticket closed = open.with(new TicketChange(closing, TicketStatus.CLOSED, closing.createdAt(), true));
    Email email = composer.compose(Notification.Kind.TICKET_CLOSED, closed, closing,
        new EmailComposer.Context(DANA, null), "dana@example.com");
    assertThat(email.subject()).startsWith("[Commercive Support] Closed: Where is my payout");
    assertThat(email.text()).contains("replied and closed your ticket").contains("Sent today, closing.");
  }

  @Test
  void theClosingEmailInvitesARatingUnlessTheTicketWasRated() {
    Ticket open = Ticket.open("t-4", "user-1", "Where is my payout", Priority.LOW, OPENED);
    Ticket closed = open.with(open.close(OPENED.plusSeconds(60), com.commercive.support.domain.ServiceLevels.DEFAULT));
    Email email = composer.compose(Notification.Kind.TICKET_CLOSED, closed, null,
        new EmailComposer.Context(DANA, null), "dana@example.com");
    assertThat(email.text()).contains("How did we do?")
        .contains("1: https://app.commercive.com/support/tickets/t-4?rate=1")
        .contains("5: https://app.commercive.com/support/tickets/t-4?rate=5");
    assertThat(email.html()).contains("<a href=\"https://app.commercive.com/support/tickets/t-4?rate=3\"")
        .contains(">3</a>");

    Ticket rated = closed.with(closed.rate(5, null, OPENED.plusSeconds(90)));
    assertThat(composer.compose(Notification.Kind.TICKET_CLOSED, rated, null, new EmailComposer.Context(DANA, null),
        "dana@example.com").text()).doesNotContain("How did we do?");
  }

  /** Issue 26: every email names its ticket's thread; the merchant's carry a reply address of their own. */
  @Test
  void emailsThreadByTicketAndTheMerchantsCarryTheirOwnReplyAddress() {
    var replies = new com.commercive.support.email.ReplyAddresses("support.localhost",
        java.util.List.of("reply-key-for-tests-0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    EmailComposer replying = new EmailComposer(URI.create("https://app.commercive.com"), "support.localhost",
        java.util.Optional.of(replies));
    Ticket ticket = Ticket.open("6f1c2a7e-3b9d-4c15-8e2f-0a9b8c7d6e5f", "user-1", "Payout missing", Priority.HIGH,
        OPENED);
    Message answer = new Message("m-2", ticket.ticketId(), "admin-1", SenderType.ADMIN, "On its way", null,
        OPENED.plusSeconds(60));

    Email toOwner = replying.compose(Notification.Kind.REPLY, ticket, answer, "Dana@Example.com");
    assertThat(replies.ticketOf(toOwner.replyTo(), "dana@example.com")).contains(ticket.ticketId());
    assertThat(toOwner.text()).contains(EmailComposer.REPLYING_WORKS);
    assertThat(toOwner.html()).contains(EmailComposer.REPLYING_WORKS);
    assertThat(toOwner.headers()).containsExactly(
        new Email.Header("In-Reply-To", "<ticket-6f1c2a7e-3b9d-4c15-8e2f-0a9b8c7d6e5f@support.localhost>"),
        new Email.Header("References", "<ticket-6f1c2a7e-3b9d-4c15-8e2f-0a9b8c7d6e5f@support.localhost>"),
        new Email.Header("Auto-Submitted", "auto-generated"));

    Email toTeam = replying.compose(Notification.Kind.CUSTOMER_MESSAGE, ticket, answer,
        new EmailComposer.Context(DANA, null), "alex@example.com");
    assertThat(toTeam.replyTo()).as("the team's replies by email come later").isNull();
    assertThat(toTeam.text()).doesNotContain(EmailComposer.REPLYING_WORKS);
    assertThat(toTeam.headers()).contains(new Email.Header("References",
        "<ticket-6f1c2a7e-3b9d-4c15-8e2f-0a9b8c7d6e5f@support.localhost>"));

    Email unset = composer.compose(Notification.Kind.REPLY, ticket, answer, "dana@example.com");
    assertThat(unset.replyTo()).as("replies by email not set up").isNull();
    assertThat(unset.text()).doesNotContain(EmailComposer.REPLYING_WORKS);
    assertThat(unset.headers()).contains(new Email.Header("Auto-Submitted", "auto-generated"));
  }

  @Test
  void aLateClockSaysWhichAndSinceWhen() {
    Ticket open = Ticket.open("t-12345678", "user-1", "Orders not syncing", Priority.HIGH, OPENED);
    Ticket late = open.with(open.markBreaches(OPENED.plusSeconds(3600)).orElseThrow());
    Email email = composer.compose(Notification.Kind.SLA_BREACH, late, null,
        new EmailComposer.Context(DANA, null, com.commercive.support.domain.SlaMetric.FIRST_RESPONSE), "alex@example.com");
    assertThat(email.subject()).isEqualTo("[Commercive Support] Late: Orders not syncing [high priority] (#t-123456)");
    assertThat(email.text()).contains("The first reply was due at 2026-12-01 11:00 UTC.")
        .contains("Dana Merchant (dana@example.com)").contains("unassigned");
  }
}
