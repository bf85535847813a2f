package com.commercive.support.streamprocessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.commercive.support.fakes.RecordingWorkQueue;
import com.commercive.support.pipeline.AiJob;
import com.commercive.support.pipeline.Notification;
import com.commercive.support.pipeline.WorkQueue;
import java.util.List;
import com.commercive.support.fakes.InMemoryMetricsStore;
import org.junit.jupiter.api.Test;

/** The stream processor from a DynamoDB Streams event in Lambda's shape (NEW_AND_OLD_IMAGES). */
class StreamProcessorHandlerTest {
  final RecordingWorkQueue queue = new RecordingWorkQueue();
  final List<AiJob> jobs = queue.jobs;
  final List<Notification> notifications = queue.notifications;
  final InMemoryMetricsStore metrics = new InMemoryMetricsStore();
  final StreamProcessorHandler handler = new StreamProcessorHandler(new StreamProcessorWiring(
      new ChangeRouter(queue, true), "commercive_support_tickets", "commercive_support_messages", null, metrics));

  DynamodbEvent batch() {
    return EventLoader.loadDynamoDbEvent("events/stream-batch.json");
  }

  @Test
  void routesEachRecordAndStopsAtAPoisonRecord() {
    StreamsEventResponse response = handler.process(batch());

    assertThat(jobs).containsExactly(new AiJob("ticket-1", "msg-user-1", "7de3041dd709b024af6f29e4fa13d34c"));
    assertThat(notifications).singleElement().satisfies(n -> {
      assertThat(n.kind()).isEqualTo(Notification.Kind.CUSTOMER_MESSAGE);
      assertThat(n.id()).isEqualTo("message-msg-user-1");
    });
    // The ticket's own bookkeeping (count, preview) is no work; the broken message stops the
    // batch, and Lambda retries from its sequence number (the close after it comes again then).
    assertThat(response.getBatchItemFailures()).extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
        .containsExactly("333");
  }

  @Test
  void aClosedTicketNotifiesItsOwner() {
    DynamodbEvent event = batch();
    event.setRecords(List.of(event.getRecords().get(3)));
    assertThat(handler.process(event).getBatchItemFailures()).isEmpty();
    assertThat(notifications).singleElement().satisfies(n -> {
      assertThat(n.kind()).isEqualTo(Notification.Kind.TICKET_CLOSED);
      assertThat(n.ticketId()).isEqualTo("ticket-1");
    });
  }

  @Test
  void aFailingQueueFailsTheRecordNotTheWholeInvocation() {
    WorkQueue down = new WorkQueue() {
      @Override
      public void enqueue(AiJob job) {
        throw new IllegalStateException("SQS unavailable");
      }

      @Override
      public void enqueue(Notification notification) {
        throw new IllegalStateException("SQS unavailable");
      }
    };
    StreamsEventResponse response = new StreamProcessorHandler(new StreamProcessorWiring(new ChangeRouter(down, true),
        "commercive_support_tickets", "commercive_support_messages", null, new InMemoryMetricsStore())).process(batch());
    assertThat(response.getBatchItemFailures()).extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
        .containsExactly("111");
  }

  @Test
  void aRetriedBatchCountsEachChangeOnceInTheDaysMetrics() {
    DynamodbEvent event = batch();
    event.setRecords(List.of(event.getRecords().get(3)));
    handler.process(event);
    var once = metrics.all();
    assertThat(once.values()).singleElement().satisfies(day -> assertThat(day).containsEntry("tickets_closed", 1L));

    handler.process(event);
    handler.process(batch());

    assertThat(metrics.all()).isEqualTo(once);
  }

  @Test
  void readsTheTableFromTheStreamArn() {
    assertThat(com.commercive.support.lambda.batch.StreamImages.tableOf(
        "arn:aws:dynamodb:eu-west-1:1:table/prod_messages/stream/2026-01-01T00:00:00.000")).isEqualTo("prod_messages");
    assertThatThrownBy(() -> com.commercive.support.lambda.batch.StreamImages.tableOf("arn:aws:sqs:x")).isInstanceOf(IllegalArgumentException.class);
  }
}
