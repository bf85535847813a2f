package com.commercive.support.aiworker;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.commercive.support.config.SupportConfig;
import com.commercive.support.lambda.SnapStartPriming;
import com.commercive.support.lambda.batch.SqsBatches;
import com.commercive.support.logging.InvocationLogContext;
import com.commercive.support.pipeline.AiJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes AI jobs (a FIFO queue grouped by ticket) and writes the assistant's replies. A job that
 * fails is reported alone; later jobs of the same ticket in the batch are reported too, unprocessed,
 * so that a ticket's jobs keep their order.
 */
public final class AiWorkerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
  private static final Logger LOG = LoggerFactory.getLogger(AiWorkerHandler.class);

  private final AutoReplyService autoReplies;

  /**
   * What Lambda calls: wires the real adapters from the environment, once per cold start, and
   * registers the warm-up SnapStart runs before its snapshot (reads and the assistant's index).
   */
  public AiWorkerHandler() {
    this(AiWorkerWiring.autoReplies(SupportConfig.fromEnvironment()));
    SnapStartPriming.register("ai-worker", autoReplies::warmUp);
  }

  /** Takes its collaborators: what tests and the local runner use. */
  public AiWorkerHandler(AutoReplyService autoReplies) {
    this.autoReplies = autoReplies;
  }

  @Override
  public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
    return InvocationLogContext.around(context, () -> process(event));
  }

  SQSBatchResponse process(SQSEvent event) {
    return SqsBatches.inGroupOrder(event, LOG, "ai job", SqsBatches.workItem(AiJob.class, this::answer));
  }

  private void answer(AiJob job) {
    AutoReplyService.Outcome outcome = autoReplies.handle(job);
    LOG.atInfo().addKeyValue("ticket_id", job.ticketId())
        .addKeyValue("message_id", job.messageId()).addKeyValue("outcome", outcome.name())
        .log("ai job handled");
  }
}
