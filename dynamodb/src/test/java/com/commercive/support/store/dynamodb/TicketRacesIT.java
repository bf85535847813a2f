package com.commercive.support.store.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.commercive.support.assistant.Answer;
import com.commercive.support.assistant.Topic;
import com.commercive.support.domain.Caller;
import com.commercive.support.domain.Message;
import com.commercive.support.domain.SenderType;
import com.commercive.support.domain.Ticket;
import com.commercive.support.domain.TicketStatus;
import com.commercive.support.pipeline.AiJob;
import com.commercive.support.pipeline.AutoReplyService;
import com.commercive.support.resources.TableNames;
import com.commercive.support.service.CursorCodec;
import com.commercive.support.service.TicketService.NewMessage;
import com.commercive.support.service.TicketService.NewTicket;
import com.commercive.support.service.TicketService;
import com.commercive.support.standins.DynamoDbLocalServer;
import com.commercive.support.testing.DynamoDbCallRecorder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Issue 13's lost updates, raced against DynamoDB Local: a merchant's message against an admin's
 * close, and an auto-reply against an admin's close. Every write derives the ticket from the
 * version it replaces, so the ticket always agrees with its newest message and a close is never
 * undone by a reply.
 */
class TicketRacesIT {
  static final int ROUNDS = 25;
  static final Caller OWNER = new Caller("race-owner", false, "Dana", "dana@example.com");
  static final Caller ADMIN = new Caller("race-admin", true, "Alex", "alex@example.com");
  static DynamoDbClient client;
  static TableNames tables;
  static DynamoDbTicketRepository repository;
  static TicketService service;
  static ExecutorService pool = Executors.newFixedThreadPool(4);

  @BeforeAll
  static void start() {
    client = DynamoDbLocalServer.client(new DynamoDbCallRecorder());
    tables = DynamoDbLocalServer.createTables(client);
    repository = new DynamoDbTicketRepository(client, tables.tickets(), tables.messages());
    service = new TicketService(repository, new DynamoDbUserDirectory(client, tables.users()),
        new CursorCodec("races-cursor-secret-32-bytes-long!!".getBytes(StandardCharsets.UTF_8)),
        Clock.systemUTC(), () -> UUID.randomUUID().toString(), List.of());
  }

  @AfterAll
  static void stop() {
    pool.shutdownNow();
    client.close();
  }

  String openTicket() {
    return service.create(OWNER, new NewTicket("Race number " + UUID.randomUUID(), "high", "first question"))
        .ticket().ticketId();
  }

  /** Runs both at the same moment and waits for both. */
  static void together(Runnable first, Runnable second) throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    for (Runnable task : List.of(first, second)) {
      done.add(pool.submit(() -> {
        go.await();
        task.run();
        return null;
      }));
    }
    go.countDown();
    for (Future<?> future : done) {
      future.get(30, TimeUnit.SECONDS);
    }
  }

  List<Message> thread(String ticketId) {
    return repository.listMessages(ticketId, 200, null).items();
  }

  @Test
  void aMerchantsMessageAndAnAdminsCloseLeaveTheTicketAgreeingWithItsNewestMessage() throws Exception {
    int reopenedByTheMerchant = 0;
    for (int round = 0; round < ROUNDS; round++) {
      String id = openTicket();
      together(
          () -> service.post(OWNER, id, new NewMessage("any news on this?", null, false)),
          () -> service.post(ADMIN, id, new NewMessage("Solved, closing.", null, true)));

      Ticket ticket = repository.find(id).orElseThrow();
      List<Message> thread = thread(id);
      Message newest = thread.stream().max(Comparator.comparing(Message::createdAt)).orElseThrow();
      assertThat(ticket.messageCount()).as("round %d", round).isEqualTo(thread.size()).isEqualTo(3);
      assertThat(ticket.lastMessage().createdAt()).as("round %d", round).isEqualTo(newest.createdAt());
      assertThat(ticket.lastMessage().senderType()).as("round %d", round).isEqualTo(newest.senderType());
      assertThat(ticket.status()).as("round %d: newest from %s", round, newest.senderType())
          .isEqualTo(newest.senderType() == SenderType.USER ? TicketStatus.OPEN : TicketStatus.CLOSED);
      assertThat(ticket.updatedAt()).isEqualTo(newest.createdAt());
      if (newest.senderType() == SenderType.USER) {
        reopenedByTheMerchant++;
      }
    }
    System.out.printf("merchant message vs admin close: %d of %d rounds ended with the merchant's message%n",
        reopenedByTheMerchant, ROUNDS);
  }

  @Test
  void anAutoReplyNeverUndoesAnAdminsClose() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      String id = openTicket();
      Message question = thread(id).get(0);
      // Half the rounds let the close land while the assistant is thinking (the interleaving
      // that reopened tickets); the other half start both at once.
      boolean closeWhileThinking = round % 2 == 0;
      CountDownLatch closed = new CountDownLatch(1);
      CountDownLatch thinking = new CountDownLatch(1);
      AutoReplyService autoReplies = new AutoReplyService(repository, q -> {
        thinking.countDown();
        if (closeWhileThinking) {
          await(closed);
        }
        return new Answer("Here is how.", Topic.ORDERS, 0.9, List.of(), false);
      }, Clock.systemUTC(), true, 5, Duration.ZERO);
      boolean withMessage = round % 4 < 2;

      together(
          () -> autoReplies.handle(new AiJob(id, question.messageId(), "event-" + round())),
          () -> {
            if (closeWhileThinking) {
              await(thinking);
            }
            service.post(ADMIN, id, new NewMessage(withMessage ? "Closing this, solved." : null, null, true));
            closed.countDown();
          });

      Ticket ticket = repository.find(id).orElseThrow();
      List<Message> thread = thread(id);
      assertThat(ticket.status()).as("round %d (close while thinking: %s)", round, closeWhileThinking)
          .isEqualTo(TicketStatus.CLOSED);
      assertThat(ticket.messageCount()).as("round %d", round).isEqualTo(thread.size());
      Message newest = thread.stream().max(Comparator.comparing(Message::createdAt)).orElseThrow();
      assertThat(ticket.lastMessage().createdAt()).as("round %d", round).isEqualTo(newest.createdAt());
      if (closeWhileThinking) {
        assertThat(thread).as("round %d: no reply after the close", round)
            .noneMatch(m -> m.senderType() == SenderType.AI);
      }
    }
  }

  static String round() {
    return UUID.randomUUID().toString();
  }

  static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(20, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
