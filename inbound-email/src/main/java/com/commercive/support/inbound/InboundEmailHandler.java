package com.commercive.support.inbound;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.commercive.support.config.SupportConfig;
import com.commercive.support.lambda.batch.SqsBatches;
import com.commercive.support.lambda.metrics.EmbeddedMetrics;
import com.commercive.support.logging.InvocationLogContext;
import com.commercive.support.service.ReceiveReply.Outcome;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes SES's notifications of received mail (raw message delivery from the receipt rule's
 * topic): each mail becomes a message on its ticket (or opens one) or is dropped with its reason,
 * logged (never the mail's text or addresses) and counted ({@value #TAKEN_METRIC} by outcome,
 * {@value #DROPPED_METRIC} by reason). A record that fails (the raw mail not yet readable) is
 * reported alone and retried, then moved to the dead-letter queue with its object key in the log.
 */
public final class InboundEmailHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
  private static final Logger LOG = LoggerFactory.getLogger(InboundEmailHandler.class);

  static final String TAKEN_METRIC = "InboundMail";
  static final String DROPPED_METRIC = "InboundMailDropped";

  private final InboundEmailService service;
  private final EmbeddedMetrics metrics;

  /** What Lambda calls: wires the real adapters from the environment, once per cold start. */
  public InboundEmailHandler() {
    this(SupportConfig.fromEnvironment());
  }

  private InboundEmailHandler(SupportConfig config) {
    this(InboundEmailWiring.service(config).orElse(null),
        new EmbeddedMetrics(config.metrics().namespace(), Clock.systemUTC(), System.out));
  }

  /**
   * Takes its collaborators: what tests and the local runner use. A null service: replies by email
   * are not set up, so no mail should come; any that does fails, and waits in the dead-letter queue.
   */
  public InboundEmailHandler(InboundEmailService service, EmbeddedMetrics metrics) {
    this.service = service;
    this.metrics = metrics;
  }

  @Override
  public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
    return InvocationLogContext.around(context, () -> process(event));
  }

  SQSBatchResponse process(SQSEvent event) {
    return SqsBatches.eachMessage(event, LOG, "inbound mail", message -> {
      if (service == null) {
        throw new IllegalStateException("replies by email are not set up: INBOUND_EMAIL_DOMAIN and its key are missing");
      }
      SesNotification notification = SesNotification.parse(message.getBody());
      Outcome outcome = service.take(notification);
      var line = LOG.atInfo().addKeyValue("object_key", notification.objectKey()).addKeyValue("outcome", outcome.kind());
      if (outcome instanceof Outcome.Written written) {
        line = line.addKeyValue("ticket_id", written.ticketId()).addKeyValue("message_id", written.messageId());
      } else if (outcome instanceof Outcome.Dropped dropped) {
        line = line.addKeyValue("reason", dropped.reason().wireName());
        metrics.count(Map.of("Reason", dropped.reason().wireName()), Map.of(DROPPED_METRIC, 1L));
      }
      metrics.count(Map.of("Outcome", outcome.kind()), Map.of(TAKEN_METRIC, 1L));
      line.log("inbound mail taken");
    });
  }
}
