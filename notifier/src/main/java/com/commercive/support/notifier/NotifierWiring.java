package com.commercive.support.notifier;

import com.commercive.support.config.SupportConfig;
import com.commercive.support.store.dynamodb.DynamoDbAdapters;
import com.commercive.support.store.ses.SesClients;
import java.time.Clock;

/** The notifier's parts over the real adapters: the tickets, users and claims it reads, and SES. */
public final class NotifierWiring {
  private NotifierWiring() {}

  public static NotificationService notifications(SupportConfig config) {
    Clock clock = Clock.systemUTC();
    DynamoDbAdapters dynamoDb = DynamoDbAdapters.from(config);
    return new NotificationService(dynamoDb.tickets(), dynamoDb.users(), dynamoDb.claims(),
        SesClients.emailSender(config), new EmailComposer(config.email().frontendUrl()),
        config.email().adminEmails(), clock, dynamoDb.rateLimiter(config.limits(), clock));
  }
}
