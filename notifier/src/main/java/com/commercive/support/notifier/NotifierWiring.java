package com.commercive.support.notifier;

import com.commercive.support.config.EmailSettings;
import com.commercive.support.config.SupportConfig;
import com.commercive.support.email.ReplyAddresses;
import com.commercive.support.store.dynamodb.DynamoDbAdapters;
import com.commercive.support.store.ses.SesClients;
import java.time.Clock;

/** The notifier's parts over the real adapters: the tickets, users and claims it reads, and SES. */
public final class NotifierWiring {
  private NotifierWiring() {}

  /** The emails' writer: threads anchored in the inbound domain when there is one, else the sender's. */
  static EmailComposer composer(EmailSettings email) {
    String sender = email.senderAddress();
    String senderDomain = sender.substring(sender.lastIndexOf('@') + 1).replace(">", "").strip();
    String threadDomain = email.replyAddresses().map(ReplyAddresses::domain).orElse(senderDomain);
    return new EmailComposer(email.frontendUrl(), threadDomain, email.replyAddresses());
  }

  public static NotificationService notifications(SupportConfig config) {
    Clock clock = Clock.systemUTC();
    DynamoDbAdapters dynamoDb = DynamoDbAdapters.from(config);
    return new NotificationService(dynamoDb.tickets(), dynamoDb.users(), dynamoDb.claims(),
        SesClients.emailSender(config), composer(config.email()),
        config.email().adminEmails(), clock, dynamoDb.rateLimiter(config.limits(), clock),
        dynamoDb.addressBook(clock), config.email().replyAddresses().isPresent());
  }
}
