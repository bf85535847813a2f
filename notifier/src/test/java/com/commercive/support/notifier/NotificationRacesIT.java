package com.commercive.support.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import com.commercive.support.service.RateLimiter;

import com.commercive.support.domain.Message;
import com.commercive.support.domain.Priority;
import com.commercive.support.domain.SenderType;
import com.commercive.support.domain.Ticket;
import com.commercive.support.domain.TicketChange;
import com.commercive.support.domain.TicketStatus;
import com.commercive.support.domain.User;
import com.commercive.support.fakes.InMemoryTicketRepository;
import com.commercive.support.fakes.InMemoryUserDirectory;
import com.commercive.support.pipeline.Notification;
import com.commercive.support.standins.FreshTables;
import com.commercive.support.store.dynamodb.DynamoDbClaimStore;
import com.commercive.support.testkit.Races;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * A notification delivered to many workers at once sends one email, raced against DynamoDB
 * Local's conditional writes on the send's record.
 */
class NotificationRacesIT {
  static final int ROUNDS = 5;
  static final int CALLERS = 30;
  @AutoClose
  static final FreshTables db = FreshTables.create();
  @AutoClose
  static final Races races = new Races(CALLERS);

  @Test
  void aNotificationRedeliveredToManyWorkersAtOnceSendsOneEmail() throws Exception {
    InMemoryTicketRepository tickets = new InMemoryTicketRepository();
    Ticket ticket = Ticket.open("t-race", "owner-1", "Race subject", Priority.MEDIUM, Instant.now());
    Message reply = new Message("m-race", ticket.ticketId(), "admin-1", SenderType.ADMIN, "Here you go", null,
        Instant.now());
    tickets.create(ticket, null);
    tickets.apply(tickets.find(ticket.ticketId()).orElseThrow(),
        new TicketChange(reply, TicketStatus.PENDING, reply.createdAt(), true));
    for (int round = 0; round < ROUNDS; round++) {
      AtomicInteger sent = new AtomicInteger();
      NotificationService notifications = new NotificationService(tickets, new InMemoryUserDirectory(new User("owner-1", "Dana", "dana@example.com", "user")), new DynamoDbClaimStore(db.client(), db.names().idempotency()), email -> {
            int id = sent.incrementAndGet();
            Races.pause(50);
            return "ses-" + id;
          }, new EmailComposer(URI.create("https://app.commercive.com")), List.of("team@example.com"), Clock.systemUTC(), RateLimiter.unlimited());
      Notification notification = new Notification("reply-" + round + "-" + UUID.randomUUID(),
          Notification.Kind.REPLY, ticket.ticketId(), reply.messageId());
      races.race(CALLERS, () -> {
        try {
          return notifications.handle(notification);
        } catch (RuntimeException inProgressElsewhere) {
          return null; // fails the delivery: the queue would redeliver it
        }
      });
      assertThat(sent).as("round %d", round).hasValue(1);
      notifications.handle(notification);
      assertThat(sent).as("round %d, after a redelivery", round).hasValue(1);
    }
  }
}
