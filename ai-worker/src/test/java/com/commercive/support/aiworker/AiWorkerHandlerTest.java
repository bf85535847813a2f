package com.commercive.support.aiworker;

import static org.assertj.core.api.Assertions.assertThat;
import com.commercive.support.service.RateLimiter;
import com.commercive.support.config.AutoReplySettings;
import com.commercive.support.service.AppendMessage;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.commercive.support.assistant.Answer;
import com.commercive.support.assistant.Topic;
import com.commercive.support.domain.Message;
import com.commercive.support.domain.Priority;
import com.commercive.support.domain.SenderType;
import com.commercive.support.domain.Ticket;
import com.commercive.support.domain.TicketChange;
import com.commercive.support.domain.TicketStatus;
import com.commercive.support.fakes.InMemoryTicketRepository;
import com.commercive.support.fakes.MutableClock;
import com.commercive.support.pipeline.AiJob;
import com.commercive.support.pipeline.Notification;
import com.commercive.support.pipeline.WorkQueue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The AI worker from an SQS FIFO batch in Lambda's shape. */
class AiWorkerHandlerTest {
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
  final InMemoryTicketRepository repository = new InMemoryTicketRepository();
  final WorkQueue queue = new WorkQueue() {
    @Override
    public void enqueue(AiJob job) {}

    @Override
    public void enqueue(Notification notification) {}
  };
  final AiWorkerHandler handler = new AiWorkerHandler(new AutoReplyService(repository, new AppendMessage(repository, com.commercive.support.domain.ServiceLevels.DEFAULT, clock), question -> new Answer("Here is how.", Topic.ORDERS, 0.9, List.of(), false), new AutoReplySettings(true, 5, Duration.ZERO), RateLimiter.unlimited(), null, AssistantAnnouncer.NONE, clock));

  String question(String ticketId) {
    Ticket ticket = Ticket.open(ticketId, "user-1", "Where is my order", Priority.MEDIUM, clock.instant());
    repository.put(ticket);
    clock.advance(Duration.ofSeconds(1));
    Message message = new Message("q-" + ticketId, ticketId, "user-1", SenderType.USER, "Where is it?", null, clock.instant());
    repository.apply(ticket, new TicketChange(message, TicketStatus.OPEN, clock.instant(), false));
    clock.advance(Duration.ofSeconds(1));
    return message.messageId();
  }

  SQSEvent batch() {
    SQSEvent event = EventLoader.loadSQSEvent("events/ai-jobs.json");
    String a = question("ticket-A");
    String b = question("ticket-B");
    event.getRecords().forEach(r -> r.setBody(r.getBody().replace("REPLACED-A", a).replace("REPLACED-B", b)));
    return event;
  }

  long aiReplies(String ticketId) {
    return repository.allMessages().stream()
        .filter(m -> m.ticketId().equals(ticketId) && m.senderType() == SenderType.AI).count();
  }

  @Test
  void aPoisonJobFailsItselfAndHoldsBackOnlyItsOwnTicketsLaterJobs() {
    SQSBatchResponse response = handler.process(batch());

    assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
        .containsExactly("9a4d6c2e-0001-4c1f-9a8e-0a1b2c3d4e5f", "9a4d6c2e-0002-4c1f-9a8e-0a1b2c3d4e5f");
    assertThat(aiReplies("ticket-A")).isZero();
    assertThat(aiReplies("ticket-B")).isEqualTo(1);
  }

  @Test
  void aWorkerThatDiesAfterWritingItsReplyDoesNotReplyTwiceOnRedelivery() {
    SQSEvent event = batch();
    event.setRecords(event.getRecords().subList(1, 2));
    java.util.concurrent.atomic.AtomicBoolean dieOnce = new java.util.concurrent.atomic.AtomicBoolean(true);
    InMemoryTicketRepository dying = repository;
    com.commercive.support.store.TicketRepository dyingOnce = new com.commercive.support.store.TicketRepository() {
          @Override public void create(Ticket t, Message m) { dying.create(t, m); }
          @Override public java.util.Optional<Ticket> find(String id) { return dying.find(id); }
          @Override public java.util.Optional<Message> findMessage(String id) { return dying.findMessage(id); }
          @Override public List<Message> recentMessages(String id, int n) { return dying.recentMessages(id, n); }
          @Override public com.commercive.support.store.Page<Ticket> listByUser(String u, TicketStatus s, int l, String a) { return dying.listByUser(u, s, l, a); }
          @Override public com.commercive.support.store.Page<Ticket> listAll(TicketStatus s, java.util.Optional<String> g, int l, String a) { return dying.listAll(s, g, l, a); }
          @Override public com.commercive.support.store.Page<Message> listMessages(String t, int l, String a, boolean n) { return dying.listMessages(t, l, a, n); }
          @Override public void addNote(Message m) { dying.addNote(m); }
          @Override public List<Ticket> waiting(int l) { return dying.waiting(l); }
          @Override public List<Ticket> dueBy(java.time.Instant n, int l) { return dying.dueBy(n, l); }
          @Override public java.util.Optional<Applied> update(
              String id, java.util.function.Function<Ticket, java.util.Optional<TicketChange>> change) {
            java.util.Optional<Applied> applied = dying.update(id, change);
            if (dieOnce.getAndSet(false)) {
              throw new IllegalStateException("the worker died before acknowledging");
            }
            return applied;
          }
        };
    AiWorkerHandler crashing = new AiWorkerHandler(new AutoReplyService(dyingOnce, new AppendMessage(dyingOnce, com.commercive.support.domain.ServiceLevels.DEFAULT, clock), question -> new Answer("Here is how.", Topic.ORDERS, 0.9, List.of(), false), new AutoReplySettings(true, 5, Duration.ZERO), RateLimiter.unlimited(), null, AssistantAnnouncer.NONE, clock));

    assertThat(crashing.process(event).getBatchItemFailures()).hasSize(1);
    assertThat(crashing.process(event).getBatchItemFailures()).isEmpty();
    assertThat(aiReplies("ticket-A")).isEqualTo(1);
  }

  @Test
  void aBatchDeliveredTwiceRepliesOnce() {
    SQSEvent event = batch();
    event.setRecords(event.getRecords().subList(1, 3));
    assertThat(handler.process(event).getBatchItemFailures()).isEmpty();
    assertThat(handler.process(event).getBatchItemFailures()).isEmpty();
    assertThat(aiReplies("ticket-A")).isEqualTo(1);
    assertThat(aiReplies("ticket-B")).isEqualTo(1);
  }
}
