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
import com.commercive.support.fakes.InMemoryRateLimitStore;
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
  final ReceiveReply receive = new ReceiveReply(repository, new AppendMessage(repository, ServiceLevels.DEFAULT, clock),
      replies, limits);

  ReceivedMail mail(String messageId, String from, String to, Map<String, List<String>> headers, String text) {
    return new ReceivedMail(messageId, from, List.of("someone-else@example.com", to), headers, from, Verdicts.ALL_PASS,
        text);
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
    assertThat(receive.receive(mail("<b3@x>", "dana@example.com", "support@support.localhost", Map.of(), "hi")))
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
        "dana@example.com", new Verdicts("FAIL", "PASS", "PASS", "PASS", "PASS"), "buy now")))
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
}
