package com.commercive.support.streamprocessor;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.commercive.support.config.SupportConfig;
import com.commercive.support.domain.Ticket;
import com.commercive.support.lambda.SnapStartPriming;
import com.commercive.support.lambda.batch.StreamBatches;
import com.commercive.support.lambda.batch.StreamImages;
import com.commercive.support.logging.InvocationLogContext;
import com.commercive.support.store.dynamodb.MessageItems;
import com.commercive.support.store.dynamodb.TicketItems;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the tickets' and messages' streams and puts the work they cause on the queues. Records are
 * handled in order; at the first one that fails, the batch stops and reports it, so Lambda
 * retries from there (in order) and, after its bounded retries, sends it to the on-failure
 * destination while the shard moves on.
 */
public final class StreamProcessorHandler
    implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
  private static final Logger LOG = LoggerFactory.getLogger(StreamProcessorHandler.class);

  private final ChangeRouter router;
  private final String ticketsTable;
  private final String messagesTable;
  /** Gives waiting tickets to agents with room (null: automatic assignment is off). */
  private final Runnable fillSeats;

  /**
   * What Lambda calls: wires the real adapters from the environment, once per cold start, and
   * registers the warm-up SnapStart runs before its snapshot (the queues, reached not written).
   */
  public StreamProcessorHandler() {
    this(StreamProcessorWiring.from(SupportConfig.fromEnvironment()));
    SnapStartPriming.register("stream-processor", router::warmUp);
  }

  /** Takes its collaborators: what tests and the local runner use. */
  public StreamProcessorHandler(StreamProcessorWiring parts) {
    this.router = parts.router();
    this.ticketsTable = parts.ticketsTable();
    this.messagesTable = parts.messagesTable();
    this.fillSeats = parts.fillSeats();
  }

  @Override
  public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
    return InvocationLogContext.around(context, () -> process(event));
  }

  StreamsEventResponse process(DynamodbEvent event) {
    return StreamBatches.inOrder(event, LOG, "a stream record", this::route);
  }

  private void route(DynamodbEvent.DynamodbStreamRecord record) {
    String table = StreamImages.tableOf(record.getEventSourceARN());
    StreamRecord change = record.getDynamodb();
    if (change == null) {
      throw new IllegalArgumentException("a stream record without its change");
    }
    List<com.commercive.support.pipeline.Work> work;
    if (table.equals(messagesTable)) {
      if (!"INSERT".equals(record.getEventName())) {
        return;
      }
      work = router.messageAdded(record.getEventID(),
          MessageItems.fromItem(StreamImages.item(change.getNewImage())));
    } else if (table.equals(ticketsTable)) {
      var beforeImage = StreamImages.item(change.getOldImage());
      var afterImage = StreamImages.item(change.getNewImage());
      Ticket before = beforeImage == null ? null : TicketItems.fromItem(beforeImage);
      Ticket after = afterImage == null ? null : TicketItems.fromItem(afterImage);
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

}
