package com.commercive.support.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.commercive.support.domain.ServiceLevels;
import com.commercive.support.domain.Ticket;
import com.commercive.support.email.InboundScreen.DropReason;
import com.commercive.support.email.ReplyAddresses;
import com.commercive.support.fakes.InMemoryAddressBook;
import com.commercive.support.fakes.InMemoryAttachmentStore;
import com.commercive.support.fakes.InMemoryFileStorage;
import com.commercive.support.fakes.InMemoryUserDirectory;
import com.commercive.support.service.AppendMessage;
import com.commercive.support.service.AttachmentService;
import com.commercive.support.service.MailFiles;
import com.commercive.support.service.OpenTicket;
import com.commercive.support.service.RateLimiter;
import com.commercive.support.service.ReceiveReply;
import com.commercive.support.service.ReceiveReply.Outcome;
import com.commercive.support.testkit.TicketScenario;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A key rotated after the function started: a reply signed with it is taken once the keys are read again. */
class ReplyKeysTest extends TicketScenario {
  static ReplyAddresses keys(String... secrets) {
    return new ReplyAddresses("support.localhost",
        java.util.Arrays.stream(secrets).map(s -> s.getBytes(StandardCharsets.UTF_8)).toList());
  }

  final String before = "reply-key-before-the-rotation-0123456789";
  final String after = "reply-key-after-the-rotation-01234567890";
  final AtomicReference<ReplyAddresses> inSecretsManager = new AtomicReference<>(keys(before));
  final AtomicInteger reads = new AtomicInteger();
  final InMemoryFileStorage bucket = new InMemoryFileStorage();
  final InboundEmailService service = new InboundEmailService(bucket, new ReplyKeys(() -> {
    reads.incrementAndGet();
    return inSecretsManager.get();
  }, clock), replies -> new ReceiveReply(repository, new AppendMessage(repository, ServiceLevels.DEFAULT, clock),
      new OpenTicket(repository, RateLimiter.unlimited(), ServiceLevels.DEFAULT, clock, () -> "unused"), replies,
      new InMemoryUserDirectory(), new InMemoryAddressBook(), RateLimiter.unlimited(),
      new MailFiles(new InMemoryAttachmentStore(), bucket, AttachmentService.Policy.defaults(), clock, Duration.ZERO)));

  SesNotification stored(String key, String to, String messageId) {
    bucket.put(key, ("From: dana@example.com\r\nTo: " + to + "\r\nSubject: Re: x\r\nMessage-ID: " + messageId
        + "\r\n\r\nStill missing.\r\n").getBytes(StandardCharsets.UTF_8));
    return new SesNotification("ses-" + key, "dana@example.com", List.of(to),
        com.commercive.support.email.InboundScreen.Verdicts.ALL_PASS, "bucket", key);
  }

  @Test
  void aReplySignedWithAKeyRotatedInSinceTheStartIsTakenAfterTheKeysAreReadAgain() {
    Ticket ticket = ticket();
    assertThat(reads).hasValue(1);
    // Rotated: the notifier, started since, signs with the new key; the old one is still accepted.
    inSecretsManager.set(keys(after, before));
    String newAddress = keys(after).address(ticket.ticketId(), "dana@example.com", ReplyAddresses.Role.OWNER)
        .orElseThrow();

    assertThat(service.take(stored("inbound/1", newAddress, "<n1@x>")))
        .as("read less than a minute ago: not read again").isEqualTo(new Outcome.Dropped(DropReason.NOT_A_REPLY));
    assertThat(reads).hasValue(1);

    clock.advance(Duration.ofMinutes(2));
    assertThat(service.take(stored("inbound/2", newAddress, "<n2@x>"))).isInstanceOf(Outcome.Appended.class);
    assertThat(reads).hasValue(2);
    String oldAddress = keys(before).address(ticket.ticketId(), "dana@example.com", ReplyAddresses.Role.OWNER)
        .orElseThrow();
    assertThat(service.take(stored("inbound/3", oldAddress, "<n3@x>"))).as("the previous key still verifies")
        .isInstanceOf(Outcome.Appended.class);

    String forged = "r-" + "a".repeat(26) + "-" + "b".repeat(16) + "@support.localhost";
    for (int i = 0; i < 5; i++) {
      assertThat(service.take(stored("inbound/f" + i, forged, "<f" + i + "@x>")))
          .isEqualTo(new Outcome.Dropped(DropReason.NOT_A_REPLY));
    }
    assertThat(reads).as("forged mail reads the keys at most once a minute").hasValue(2);
  }
}
