package com.commercive.support.notifier;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.commercive.support.config.SupportConfig;
import com.commercive.support.lambda.SnapStartPriming;
import com.commercive.support.lambda.batch.SqsBatches;
import com.commercive.support.logging.InvocationLogContext;
import com.commercive.support.pipeline.Notification;
import com.commercive.support.store.secretsmanager.SecretsManagerSecrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes notifications and sends their emails. A notification whose sending fails is reported
 * alone; SQS redelivers it after the visibility timeout and, after the maximum receives, moves it
 * to the dead-letter queue: an email is never dropped silently.
 */
public final class NotifierHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
  private static final Logger LOG = LoggerFactory.getLogger(NotifierHandler.class);

  private final NotificationService notifications;

  /**
   * What Lambda calls: wires the real adapters from the environment, once per cold start, and
   * registers the warm-up SnapStart runs before its snapshot (the reads a notification makes).
   */
  public NotifierHandler() {
    this(NotifierWiring.notifications(SecretsManagerSecrets.resolve(SupportConfig.fromEnvironment())));
    SnapStartPriming.register("notifier", notifications::warmUp);
  }

  /** Takes its collaborators: what tests and the local runner use. */
  public NotifierHandler(NotificationService notifications) {
    this.notifications = notifications;
  }

  @Override
  public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
    return InvocationLogContext.around(context, () -> process(event));
  }

  SQSBatchResponse process(SQSEvent event) {
    return SqsBatches.eachMessage(event, LOG, "notification", SqsBatches.workItem(Notification.class, this::send));
  }

  private void send(Notification notification) {
    NotificationService.Result result = notifications.handle(notification);
    LOG.atInfo().addKeyValue("notification_id", notification.id())
        .addKeyValue("kind", notification.kind().name()).addKeyValue("ticket_id", notification.ticketId())
        .addKeyValue("sent", result.sent()).addKeyValue("already_sent", result.alreadySent())
        .addKeyValue("skipped_because", result.skippedBecause())
        .log("notification handled");
  }
}
