package com.commercive.support.notifier;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.commercive.support.config.AwsClients;
import com.commercive.support.config.SupportConfig;
import com.commercive.support.lambda.SnapStartPriming;
import com.commercive.support.lambda.batch.SqsBatches;
import com.commercive.support.logging.InvocationLogContext;
import com.commercive.support.pipeline.Notification;
import com.commercive.support.store.dynamodb.DynamoDbClaimStore;
import com.commercive.support.store.dynamodb.DynamoDbTicketRepository;
import com.commercive.support.store.dynamodb.DynamoDbUserDirectory;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ses.SesClient;

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
    this(SupportConfig.fromEnvironment());
    SnapStartPriming.register("notifier", notifications::warmUp);
  }

  public NotifierHandler(SupportConfig config) {
    this(wire(config, com.commercive.support.store.dynamodb.DynamoDbClients.create(config), ses(config)));
  }

  /** Takes its collaborators: what tests use. */
  public NotifierHandler(NotificationService notifications) {
    this.notifications = notifications;
  }

  static NotificationService wire(SupportConfig config, DynamoDbClient dynamoDb, SesClient ses) {
    var tables = config.tables();
    return new NotificationService(
        new DynamoDbTicketRepository(dynamoDb, tables.tickets(), tables.messages()),
        new DynamoDbUserDirectory(dynamoDb, tables.users()),
        new DynamoDbClaimStore(dynamoDb, tables.idempotency()),
        new SesEmailSender(ses, config.email().senderAddress()),
        new EmailComposer(config.email().frontendUrl()),
        config.email().adminEmails(),
        Clock.systemUTC(),
        new com.commercive.support.service.RateLimiter(
            new com.commercive.support.store.dynamodb.DynamoDbRateLimitStore(dynamoDb, tables.idempotency()),
            Clock.systemUTC(), config.limits().perHour()));
  }

  static SesClient ses(SupportConfig config) {
    return AwsClients.configure(SesClient.builder(), config.aws(), config.aws().sesEndpoint(),
            Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(20), 4)
        .build();
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
