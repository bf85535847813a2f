package com.commercive.support.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import com.commercive.support.email.Email;
import com.commercive.support.service.RateLimiter;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.commercive.support.domain.Message;
import com.commercive.support.domain.Priority;
import com.commercive.support.domain.SenderType;
import com.commercive.support.domain.Ticket;
import com.commercive.support.domain.TicketChange;
import com.commercive.support.domain.TicketStatus;
import com.commercive.support.domain.User;
import com.commercive.support.fakes.InMemoryClaimStore;
import com.commercive.support.fakes.InMemoryTicketRepository;
import com.commercive.support.fakes.InMemoryUserDirectory;
import com.commercive.support.fakes.MutableClock;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The notifier from an SQS batch in Lambda's shape. */
class NotifierHandlerTest {
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
  final InMemoryTicketRepository repository = new InMemoryTicketRepository();
  final List<Email> outbox = new ArrayList<>();
  final NotifierHandler handler = new NotifierHandler(new NotificationService(repository, new InMemoryUserDirectory(new User("user-1", "Dana", "dana@example.com", "user")), new InMemoryClaimStore(), email -> {
        outbox.add(email);
        return "ses-" + outbox.size();
      }, new EmailComposer(URI.create("http://localhost:3000")), List.of("team@commercive.com"), clock, RateLimiter.unlimited()));

  SQSEvent batch() {
    Ticket a = Ticket.open("ticket-A", "user-1", "Payout question", Priority.LOW, clock.instant());
    repository.put(a);
    Message reply = new Message("reply-1", "ticket-A", "admin-1", SenderType.ADMIN, "It is on its way.", null, clock.instant());
    repository.apply(a, new TicketChange(reply, TicketStatus.PENDING, clock.instant(), true));
    repository.put(Ticket.open("ticket-B", "user-1", "Store connection", Priority.LOW, clock.instant()));
    SQSEvent event = EventLoader.loadSQSEvent("events/notifications.json");
    event.getRecords().forEach(r -> r.setBody(r.getBody().replace("REPLACED-A", "reply-1")));
    return event;
  }

  @Test
  void sendsEachNotificationAndReportsOnlyThePoisonOne() {
    SQSBatchResponse response = handler.process(batch());
    assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
        .containsExactly("9a4d6c2e-0001-4c1f-9a8e-0a1b2c3d4e5f");
    assertThat(outbox).extracting(Email::to).containsExactly("dana@example.com", "team@commercive.com");
    assertThat(outbox.get(0).subject()).isEqualTo("[Commercive Support] Re: Payout question (#ticket-A)");
    assertThat(outbox.get(0).text()).contains("It is on its way.").contains("http://localhost:3000/support/tickets/ticket-A");
  }

  @Test
  void aNotificationDeliveredTwiceIsEmailedOnce() {
    SQSEvent event = batch();
    handler.process(event);
    handler.process(event);
    assertThat(outbox).hasSize(2);
  }
}
