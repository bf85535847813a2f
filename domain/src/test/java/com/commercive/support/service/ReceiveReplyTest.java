package com.commercive.support.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.commercive.support.domain.Message;
import com.commercive.support.domain.Priority;
import com.commercive.support.domain.SenderType;
import com.commercive.support.domain.ServiceLevels;
import com.commercive.support.domain.Ticket;
import com.commercive.support.domain.TicketStatus;
import com.commercive.support.email.InboundScreen.DropReason;
import com.commercive.support.email.InboundScreen.Verdicts;
import com.commercive.support.email.ReplyAddresses;
import com.commercive.support.domain.User;
import com.commercive.support.fakes.InMemoryAddressBook;
import com.commercive.support.fakes.InMemoryAttachmentStore;
import com.commercive.support.fakes.InMemoryFileStorage;
import com.commercive.support.fakes.InMemoryRateLimitStore;
import com.commercive.support.fakes.InMemoryUserDirectory;
import com.commercive.support.service.ReceiveReply.Outcome;
import com.commercive.support.service.ReceiveReply.ReceivedMail;
import com.commercive.support.testkit.TicketScenario;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReceiveReplyTest extends TicketScenario {
  final ReplyAddresses replies = new ReplyAddresses("support.localhost",
      List.of("reply-key-for-tests-0123456789abcdef".getBytes(StandardCharsets.UTF_8)));
  final RateLimiter limits = new RateLimiter(new InMemoryRateLimitStore(), clock, Map.of(RateLimiter.Limit.MESSAGES, 3));
  final InMemoryAddressBook book = new InMemoryAddressBook();
  final InMemoryUserDirectory users = new InMemoryUserDirectory(
      new User("user-1", "Dana", "dana@example.com", "merchant"),
      new User("admin-1", "Sam", "Sam@Support.example", "admin"),
      new User("admin-2", "Ex", "moved@example.com", "admin"));
  final RateLimiter ticketLimits = new RateLimiter(new InMemoryRateLimitStore(), clock,
      Map.of(RateLimiter.Limit.MESSAGES, 3, RateLimiter.Limit.TICKETS, 2));
  final ReceiveReply receive = new ReceiveReply(repository, new AppendMessage(repository, ServiceLevels.DEFAULT, clock),
      new OpenTicket(repository, ticketLimits, ServiceLevels.DEFAULT, clock, () -> "random-id"), replies, users, book,
      limits, new MailFiles(new InMemoryAttachmentStore(), new InMemoryFileStorage(), AttachmentService.Policy.defaults(),
          clock, java.time.Duration.ZERO));

  ReceivedMail mail(String messageId, String from, String to, Map<String, List<String>> headers, String text) {
    return new ReceivedMail(messageId, from, List.of("someone-else@example.com", to), headers, from, Verdicts.ALL_PASS,
        "Re: [Commercive Support] Your ticket", text);
  }

  String ownersAddress(Ticket ticket) {
    return replies.address(ticket.ticketId(), "dana@example.com", ReplyAddresses.Role.OWNER).orElseThrow();
  }

  @Test
  void theOwnersReplyIsAppendedOnceAsTheirMessageAndReopensTheTicket() {
    Ticket ticket = ticket();
    post(ticket, SenderType.USER, "Where is my payout?");
    clock.advance(java.time.Duration.ofSeconds(1));
    new AppendMessage(repository, ServiceLevels.DEFAULT, clock).append(ticket.ticketId(),
        AppendMessage.Draft.of("m-admin", "admin-1", SenderType.ADMIN, "It was sent on Friday.", null, List.of(), false));
    assertThat(repository.find(ticket.ticketId()).orElseThrow().status()).isEqualTo(TicketStatus.PENDING);

    ReceivedMail reply = mail("<a1@mail.example.com>", "Dana@Example.com", ownersAddress(ticket), Map.of(),
        "Still nothing in my bank.");
    Outcome outcome = receive.receive(reply);
    assertThat(outcome).isInstanceOf(Outcome.Appended.class);
    Message stored = repository.findMessage(((Outcome.Appended) outcome).messageId()).orElseThrow();
    assertThat(stored.senderId()).isEqualTo("user-1");
    assertThat(stored.senderType()).isEqualTo(SenderType.USER);
    assertThat(stored.text()).isEqualTo("Still nothing in my bank.");
    assertThat(repository.find(ticket.ticketId()).orElseThrow().status()).as("the team's turn again")
        .isEqualTo(TicketStatus.OPEN);

    assertThat(receive.receive(reply)).as("delivered again").isEqualTo(new Outcome.Dropped(DropReason.DUPLICATE));
    assertThat(repository.allMessages()).filteredOn(m -> m.text().equals("Still nothing in my bank.")).hasSize(1);
  }

  @Test
  void aReplyFromAnyoneElseOrToAnAddressMadeUpIsDropped() {
    Ticket ticket = ticket();
    String address = ownersAddress(ticket);
    assertThat(receive.receive(mail("<b1@x>", "mallory@example.com", address, Map.of(), "hi")))
        .isEqualTo(new Outcome.Dropped(DropReason.NOT_A_REPLY));
    String forged = address.substring(0, address.indexOf('@') - 1) + (address.charAt(address.indexOf('@') - 1) == 'a'
        ? "b" : "a") + address.substring(address.indexOf('@'));
    assertThat(receive.receive(mail("<b2@x>", "dana@example.com", forged, Map.of(), "hi")))
        .isEqualTo(new Outcome.Dropped(DropReason.NOT_A_REPLY));
    assertThat(receive.receive(mail("<b3@x>", "dana@example.com", "help@support.localhost", Map.of(), "hi")))
        .isEqualTo(new Outcome.Dropped(DropReason.NOT_A_REPLY));
    String noSuchTicket = replies.address("t-404", "dana@example.com", ReplyAddresses.Role.OWNER).orElseThrow();
    assertThat(receive.receive(mail("<b4@x>", "dana@example.com", noSuchTicket, Map.of(), "hi")))
        .isEqualTo(new Outcome.Dropped(DropReason.NOT_A_REPLY));
    assertThat(repository.allMessages()).isEmpty();
  }

  @Test
  void automatedEmptyAndTooManyRepliesAreDroppedWithTheirReasons() {
    Ticket ticket = ticket();
    String address = ownersAddress(ticket);
    assertThat(receive.receive(mail("<c1@x>", "dana@example.com", address,
        Map.of("auto-submitted", List.of("auto-replied")), "I am out of office")))
        .isEqualTo(new Outcome.Dropped(DropReason.AUTOMATED));
    assertThat(receive.receive(new ReceivedMail("<c2@x>", "dana@example.com", List.of(address), Map.of(),
        "dana@example.com", new Verdicts("FAIL", "PASS", "PASS", "PASS", "PASS"), "Offer", "buy now")))
        .isEqualTo(new Outcome.Dropped(DropReason.FAILED_VERDICT));
    assertThat(receive.receive(mail("<c3@x>", "dana@example.com", address, Map.of(), "  \n ")))
        .isEqualTo(new Outcome.Dropped(DropReason.EMPTY));
    for (int i = 0; i < 3; i++) {
      assertThat(receive.receive(mail("<d" + i + "@x>", "dana@example.com", address, Map.of(), "more " + i)))
          .isInstanceOf(Outcome.Appended.class);
    }
    assertThat(receive.receive(mail("<d3@x>", "dana@example.com", address, Map.of(), "one too many")))
        .isEqualTo(new Outcome.Dropped(DropReason.RATE_LIMITED));
    assertThat(repository.allMessages()).hasSize(3);
  }

  @Test
  void aMailWithoutAnIdCannotBeTakenOnce() {
    assertThatThrownBy(() -> receive.receive(mail(" ", "dana@example.com", "x@support.localhost", Map.of(), "hi")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(ReceiveReply.messageId("<a@b>")).isEqualTo(ReceiveReply.messageId(" <a@b> "))
        .startsWith("mail-").hasSize(37);
  }

  @Test
  void anAgentsReplyIsTheirPublicMessageWhileTheyStillHoldTheAddress() {
    Ticket ticket = ticket();
    post(ticket, SenderType.USER, "Where is my payout?");
    book.remember("sam@support.example", "admin-1");
    String toSam = replies.address(ticket.ticketId(), "sam@support.example", ReplyAddresses.Role.AGENT).orElseThrow();

    Outcome outcome = receive.receive(mail("<e1@x>", "SAM@support.example", toSam, Map.of(), "It went out today."));
    Message stored = repository.findMessage(((Outcome.Appended) outcome).messageId()).orElseThrow();
    assertThat(stored.senderId()).isEqualTo("admin-1");
    assertThat(stored.senderType()).isEqualTo(SenderType.ADMIN);
    assertThat(stored.internal()).isFalse();
    assertThat(repository.find(ticket.ticketId()).orElseThrow().status()).as("answered: the merchant's turn")
        .isEqualTo(TicketStatus.PENDING);

    // An address the book still gives to an agent whose record now holds another: not theirs any more.
    book.remember("old@example.com", "admin-2");
    String toOld = replies.address(ticket.ticketId(), "old@example.com", ReplyAddresses.Role.AGENT).orElseThrow();
    assertThat(receive.receive(mail("<e2@x>", "old@example.com", toOld, Map.of(), "Hello")))
        .isEqualTo(new Outcome.Dropped(DropReason.UNKNOWN_SENDER));
    // A merchant's address signed as an agent's does not make them one.
    book.remember("dana@example.com", "user-1");
    String danaAsAgent = replies.address(ticket.ticketId(), "dana@example.com", ReplyAddresses.Role.AGENT)
        .orElseThrow();
    assertThat(receive.receive(mail("<e3@x>", "dana@example.com", danaAsAgent, Map.of(), "I am staff now")))
        .isEqualTo(new Outcome.Dropped(DropReason.UNKNOWN_SENDER));
    assertThat(repository.allMessages()).hasSize(2);
  }

  @Test
  void mailToTheSupportAddressFromAKnownMerchantOpensOneTicketAndFromAnyoneElseNothing() {
    book.remember("dana@example.com", "user-1");
    ReceivedMail mail = new ReceivedMail("<f1@x>", "Dana@example.com", List.of("Support@Support.localhost"), Map.of(),
        "dana@example.com", Verdicts.ALL_PASS, "  Orders\r\n not syncing ", "Since this morning no orders arrive.");
    Outcome outcome = receive.receive(mail);
    Outcome.Opened opened = (Outcome.Opened) outcome;
    Ticket ticket = repository.find(opened.ticketId()).orElseThrow();
    assertThat(ticket.userId()).isEqualTo("user-1");
    assertThat(ticket.subject()).isEqualTo("Orders not syncing");
    assertThat(ticket.status()).isEqualTo(TicketStatus.OPEN);
    Message first = repository.findMessage(opened.messageId()).orElseThrow();
    assertThat(first.text()).isEqualTo("Since this morning no orders arrive.");
    assertThat(first.senderType()).isEqualTo(SenderType.USER);
    assertThat(receive.receive(mail)).as("delivered again").isEqualTo(new Outcome.Dropped(DropReason.DUPLICATE));

    assertThat(receive.receive(new ReceivedMail("<f2@x>", "stranger@example.com", List.of("support@support.localhost"),
        Map.of(), "stranger@example.com", Verdicts.ALL_PASS, "Hello there", "Let me in")))
        .isEqualTo(new Outcome.Dropped(DropReason.UNKNOWN_SENDER));
    book.remember("sam@support.example", "admin-1");
    assertThat(receive.receive(new ReceivedMail("<f3@x>", "sam@support.example", List.of("support@support.localhost"),
        Map.of(), "sam@support.example", Verdicts.ALL_PASS, "Hello there", "Staff mail")))
        .as("the team opens tickets in the app, for someone").isEqualTo(new Outcome.Dropped(DropReason.UNKNOWN_SENDER));
    assertThat(receive.receive(new ReceivedMail("<f4@x>", "dana@example.com", List.of("support@support.localhost"),
        Map.of("precedence", List.of("bulk")), "dana@example.com", Verdicts.ALL_PASS, "Newsletter", "Deals")))
        .isEqualTo(new Outcome.Dropped(DropReason.AUTOMATED));
    assertThat(receive.receive(new ReceivedMail("<f5@x>", "dana@example.com", List.of("support@support.localhost"),
        Map.of(), "dana@example.com", Verdicts.ALL_PASS, "Second", "Another one"))).isInstanceOf(Outcome.Opened.class);
    assertThat(receive.receive(new ReceivedMail("<f6@x>", "dana@example.com", List.of("support@support.localhost"),
        Map.of(), "dana@example.com", Verdicts.ALL_PASS, "Third", "One too many")))
        .isEqualTo(new Outcome.Dropped(DropReason.RATE_LIMITED));
    assertThat(repository.allMessages()).hasSize(2);
  }

  @Test
  void aMailsSubjectBecomesATicketsOnOneLineWithinItsLimits() {
    assertThat(ReceiveReply.subjectOf(null)).isEqualTo(ReceiveReply.NO_SUBJECT);
    assertThat(ReceiveReply.subjectOf("Hi\t")).isEqualTo(ReceiveReply.NO_SUBJECT);
    assertThat(ReceiveReply.subjectOf("Payout\u0007 missing\n\tagain")).isEqualTo("Payout missing again");
    String longest = ReceiveReply.subjectOf("\uD83D\uDCE6".repeat(300));
    assertThat(longest.codePointCount(0, longest.length())).isEqualTo(MessageRules.SUBJECT_MAX);
    assertThat(longest).endsWith("\u2026");
    assertThat(ReceiveReply.ticketId("<a@b>")).isEqualTo(ReceiveReply.ticketId(" <a@b>"))
        .isNotEqualTo(ReceiveReply.ticketId("<a@c>"));
  }
}
