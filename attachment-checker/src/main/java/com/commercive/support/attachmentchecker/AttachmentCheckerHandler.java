package com.commercive.support.attachmentchecker;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.commercive.support.config.SupportConfig;
import com.commercive.support.lambda.SnapStartPriming;
import com.commercive.support.lambda.batch.SqsBatches;
import com.commercive.support.logging.InvocationLogContext;
import com.commercive.support.service.AttachmentCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes the bucket's event notifications (a file stored under quarantine; on AWS also its
 * malware scan's tag written) and checks the file each names. A record whose check fails is
 * reported alone: SQS redelivers it, and after the maximum receives moves it to the dead-letter
 * queue.
 */
public final class AttachmentCheckerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
  private static final Logger LOG = LoggerFactory.getLogger(AttachmentCheckerHandler.class);

  private final AttachmentCheck check;

  /** What Lambda calls: wires the real adapters from the environment, once per cold start. */
  public AttachmentCheckerHandler() {
    this(AttachmentCheckerWiring.check(SupportConfig.fromEnvironment()));
    SnapStartPriming.register("attachment-checker", () -> new TikaContentSniffer().detect(new byte[] {'%', 'P'}));
  }

  /** Takes its collaborators: what tests and the local runner use. */
  public AttachmentCheckerHandler(AttachmentCheck check) {
    this.check = check;
  }

  @Override
  public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
    return InvocationLogContext.around(context, () -> process(event));
  }

  SQSBatchResponse process(SQSEvent event) {
    return SqsBatches.eachMessage(event, LOG, "attachment check", message -> {
      for (String key : S3NotificationKeys.of(message.getBody())) {
        AttachmentCheck.Outcome outcome = check.check(key);
        LOG.atInfo().addKeyValue("key", key).addKeyValue("outcome", outcome.name()).log("attachment checked");
      }
    });
  }
}
