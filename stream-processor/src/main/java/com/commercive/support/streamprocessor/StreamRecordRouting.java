package com.commercive.support.streamprocessor;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.commercive.support.domain.Message;
import com.commercive.support.domain.Ticket;
import com.commercive.support.metrics.MetricFacts;
import com.commercive.support.store.MetricsStore;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import com.commercive.support.lambda.batch.StreamImages;
import com.commercive.support.pipeline.Work;
import com.commercive.support.store.dynamodb.MessageItems;
import com.commercive.support.store.dynamodb.TicketItems;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one stream record causes: a message added (its insert) or a ticket changed (its before and
 * after images) handed to the {@link ChangeRouter}, its facts added to the day's metrics, and
 * waiting tickets given to agents when a change frees or needs a seat.
 */
final class StreamRecordRouting {
  private static final Logger LOG = LoggerFactory.getLogger(StreamRecordRouting.class);

  private final ChangeRouter router;
  private final String ticketsTable;
  private final String messagesTable;
  /** Gives waiting tickets to agents with room (null: automatic assignment is off). */
  private final Runnable fillSeats;
  private final MetricsStore metrics;

  StreamRecordRouting(StreamProcessorWiring parts) {
    this.router = parts.router();
    this.ticketsTable = parts.ticketsTable();
    this.messagesTable = parts.messagesTable();
    this.fillSeats = parts.fillSeats();
    this.metrics = parts.metrics();
  }

  void route(DynamodbEvent.DynamodbStreamRecord record) {
    String table = StreamImages.tableOf(record.getEventSourceARN());
    StreamRecord change = record.getDynamodb();
    if (change == null) {
      throw new IllegalArgumentException("a stream record without its change");
    }
    List<Work> work;
    if (table.equals(messagesTable)) {
      if (!"INSERT".equals(record.getEventName())) {
        return;
      }
      Message message = MessageItems.fromItem(StreamImages.item(change.getNewImage()));
      count(record, change, MetricFacts.ofNewMessage(message), message.createdAt());
      work = router.messageAdded(record.getEventID(), message);
    } else if (table.equals(ticketsTable)) {
      var beforeImage = StreamImages.item(change.getOldImage());
      var afterImage = StreamImages.item(change.getNewImage());
      Ticket before = beforeImage == null ? null : TicketItems.fromItem(beforeImage);
      Ticket after = afterImage == null ? null : TicketItems.fromItem(afterImage);
      count(record, change, MetricFacts.ofTicketChange(before, after), after == null ? null : after.updatedAt());
      work = router.ticketChanged(before, after);
      if (fillSeats != null && ChangeRouter.assignmentDue(before, after)) {
        fillSeats.run();
      }
    } else {
      LOG.atWarn().addKeyValue("table", table).log("record from an unexpected table skipped");
      return;
    }
    LOG.atInfo().addKeyValue("event_id", record.getEventID())
        .addKeyValue("table", table).addKeyValue("event_name", record.getEventName())
        .addKeyValue("work", work.stream().map(w -> w.getClass().getSimpleName()).toList())
        .log("stream record routed");
  }

  /**
   * Adds a change's facts to the counters of the UTC day it was written (the record's creation
   * time; the change's own time when a record has none), once per record: a retried batch adds
   * nothing again.
   */
  private void count(DynamodbEvent.DynamodbStreamRecord record, StreamRecord change, Map<String, Long> facts,
      Instant fallback) {
    if (facts.isEmpty()) {
      return;
    }
    Instant written = change.getApproximateCreationDateTime() != null
        ? change.getApproximateCreationDateTime().toInstant() : fallback;
    metrics.add(record.getEventID(), LocalDate.ofInstant(written, ZoneOffset.UTC), facts);
  }
}
