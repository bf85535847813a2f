package com.commercive.support.liveupdates;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.commercive.support.config.SupportConfig;
import com.commercive.support.lambda.batch.StreamBatches;
import com.commercive.support.logging.InvocationLogContext;
import com.commercive.support.realtime.LiveUpdates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the tickets', messages' and attachments' streams and pushes each change as a live event
 * to the connections allowed to see it: a new message, a ticket's new state, a file's check. A
 * record that fails stops the batch there (retried in order); an event one connection could not
 * take is not retried (delivery is at most once).
 */
public final class StreamPushHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
  private static final Logger LOG = LoggerFactory.getLogger(StreamPushHandler.class);

  private final StreamRecordPush records;

  /** What Lambda calls: wires the real adapters from the environment, once per cold start. */
  public StreamPushHandler() {
    this(StreamPushWiring.from(SupportConfig.fromEnvironment()));
  }

  /** Takes its collaborators: what tests and the local runner use. */
  public StreamPushHandler(StreamPushWiring parts) {
    this.records = new StreamRecordPush(parts);
  }

  @Override
  public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
    return InvocationLogContext.around(context, () -> process(event));
  }

  StreamsEventResponse process(DynamodbEvent event) {
    return StreamBatches.inOrder(event, LOG, "a live update", record -> {
      LiveUpdates.Delivery delivery = records.push(record);
      if (delivery != null) {
        LOG.atInfo().addKeyValue("event_id", record.getEventID()).addKeyValue("delivered", delivery.delivered())
            .addKeyValue("gone", delivery.gone()).addKeyValue("failed", delivery.failed()).log("live event pushed");
      }
    });
  }
}
