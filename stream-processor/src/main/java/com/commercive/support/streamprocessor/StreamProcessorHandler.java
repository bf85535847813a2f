package com.commercive.support.streamprocessor;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.commercive.support.config.SupportConfig;
import com.commercive.support.lambda.SnapStartPriming;
import com.commercive.support.lambda.batch.StreamBatches;
import com.commercive.support.logging.InvocationLogContext;
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
  private final StreamRecordRouting records;

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
    this.records = new StreamRecordRouting(parts);
  }

  @Override
  public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
    return InvocationLogContext.around(context, () -> process(event));
  }

  StreamsEventResponse process(DynamodbEvent event) {
    return StreamBatches.inOrder(event, LOG, "a stream record", records::route);
  }
}
