package com.commercive.support.aiworker;

import static org.assertj.core.api.Assertions.assertThat;
import com.commercive.support.service.RateLimiter;
import com.commercive.support.config.AutoReplySettings;
import com.commercive.support.service.AppendMessage;
import com.commercive.support.service.PostMessage;

import com.commercive.support.assistant.Answer;
import com.commercive.support.assistant.Topic;
import com.commercive.support.domain.Message;
import com.commercive.support.domain.SenderType;
import com.commercive.support.domain.Ticket;
import com.commercive.support.domain.TicketStatus;
import com.commercive.support.pipeline.AiJob;
import com.commercive.support.service.PostMessage.NewMessage;
import com.commercive.support.store.dynamodb.TicketsOnDynamoDbLocal;
import com.commercive.support.testkit.Races;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Issue 13's reopened tickets, raced against DynamoDB Local: an auto-reply against an admin's
 * close. The reply derives the ticket from the version it replaces and steps aside for a close,
 * so a close is never undone by a reply.
 */
class AutoReplyRacesIT {
  static final int ROUNDS = 25;
  @AutoClose
  static final TicketsOnDynamoDbLocal tickets = new TicketsOnDynamoDbLocal();
  @AutoClose
  static final Races races = new Races(2);

  @Test
  void anAutoReplyNeverUndoesAnAdminsClose() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      String id = tickets.openTicket();
      Message question = tickets.thread(id).get(0);
      // Half the rounds let the close land while the assistant is thinking (the interleaving
      // that reopened tickets); the other half start both at once.
      boolean closeWhileThinking = round % 2 == 0;
      CountDownLatch closed = new CountDownLatch(1);
      CountDownLatch thinking = new CountDownLatch(1);
      AutoReplyService autoReplies = new AutoReplyService(tickets.repository, new AppendMessage(tickets.repository, com.commercive.support.domain.ServiceLevels.DEFAULT, Clock.systemUTC()), q -> {
        thinking.countDown();
        if (closeWhileThinking) {
          await(closed);
        }
        return new Answer("Here is how.", Topic.ORDERS, 0.9, List.of(), false);
      }, new AutoReplySettings(true, 5, Duration.ZERO), RateLimiter.unlimited(), null, AssistantAnnouncer.NONE, Clock.systemUTC());
      boolean withMessage = round % 4 < 2;

      races.together(
          () -> autoReplies.handle(new AiJob(id, question.messageId(), "event-" + UUID.randomUUID())),
          () -> {
            if (closeWhileThinking) {
              await(thinking);
            }
            tickets.service.post().post(TicketsOnDynamoDbLocal.ADMIN, id,
                new NewMessage(withMessage ? "Closing this, solved." : null, null, true));
            closed.countDown();
          });

      Ticket ticket = tickets.repository.find(id).orElseThrow();
      List<Message> thread = tickets.thread(id);
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

  static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(20, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
