package com.commercive.support.inbound;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.commercive.support.config.SupportConfig;
import com.commercive.support.lambda.batch.SqsBatches;
import com.commercive.support.logging.InvocationLogContext;
import com.commercive.support.service.ReceiveReply.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes SES's notifications of received mail (raw message delivery from the receipt rule's
 * topic): each mail becomes a message on its ticket or is dropped with its reason, logged (never
 * the mail's text or addresses). A record that fails (the raw mail not yet readable) is reported
 * alone and retried, then moved to the dead-letter queue with its object key in the log.
 */
public final class InboundEmailHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
  private static final Logger LOG = LoggerFactory.getLogger(InboundEmailHandler.class);

  private final InboundEmailService service;

  /** What Lambda calls: wires the real adapters from the environment, once per cold start. */
  public InboundEmailHandler() {
    this(InboundEmailWiring.service(SupportConfig.fromEnvironment()));
  }

  /** Takes its collaborators: what tests and the local runner use. */
  public InboundEmailHandler(InboundEmailService service) {
    this.service = service;
  }

  @Override
  public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
    return InvocationLogContext.around(context, () -> process(event));
  }

  SQSBatchResponse process(SQSEvent event) {
    return SqsBatches.eachMessage(event, LOG, "inbound mail", message -> {
      SesNotification notification = SesNotification.parse(message.getBody());
      Outcome outcome = service.take(notification);
      var line = LOG.atInfo().addKeyValue("object_key", notification.objectKey());
      if (outcome instanceof Outcome.Appended appended) {
        line = line.addKeyValue("outcome", "appended").addKeyValue("ticket_id", appended.ticketId())
            .addKeyValue("message_id", appended.messageId());
      } else if (outcome instanceof Outcome.Dropped dropped) {
        line = line.addKeyValue("outcome", "dropped").addKeyValue("reason", dropped.reason().wireName());
      }
      line.log("inbound mail taken");
    });
  }
}
