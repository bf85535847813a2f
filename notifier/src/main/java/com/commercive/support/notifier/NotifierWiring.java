package com.commercive.support.notifier;

import com.commercive.support.config.AwsClients;
import com.commercive.support.config.SupportConfig;
import com.commercive.support.store.dynamodb.DynamoDbAdapters;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.services.ses.SesClient;

/** The notifier's parts over the real adapters: the tickets, users and claims it reads, and SES. */
public final class NotifierWiring {
  private NotifierWiring() {}

  public static NotificationService notifications(SupportConfig config) {
    return notifications(config, DynamoDbAdapters.from(config), ses(config));
  }

  static NotificationService notifications(SupportConfig config, DynamoDbAdapters dynamoDb, SesClient ses) {
    Clock clock = Clock.systemUTC();
    return new NotificationService(dynamoDb.tickets(), dynamoDb.users(), dynamoDb.claims(),
        new SesEmailSender(ses, config.email().senderAddress()), new EmailComposer(config.email().frontendUrl()),
        config.email().adminEmails(), clock, dynamoDb.rateLimiter(config.limits(), clock));
  }

  /** The SES client, built once: the one place this function's SES set-up lives. */
  static SesClient ses(SupportConfig config) {
    return AwsClients.configure(SesClient.builder(), config.aws(), config.aws().sesEndpoint(),
            Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(20), 4)
        .build();
  }
}
