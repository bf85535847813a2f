package com.commercive.support.inbound;

import com.commercive.support.config.SupportConfig;
import com.commercive.support.email.ReplyAddresses;
import com.commercive.support.service.AppendMessage;
import com.commercive.support.service.ReceiveReply;
import com.commercive.support.store.TicketRepository;
import com.commercive.support.store.dynamodb.DynamoDbAdapters;
import com.commercive.support.store.s3.S3Clients;
import java.time.Clock;

/** The inbound-email function's parts: the bucket SES stores mail in, the tickets, the limits, the reply key. */
public final class InboundEmailWiring {
  private InboundEmailWiring() {}

  public static InboundEmailService service(SupportConfig config) {
    Clock clock = Clock.systemUTC();
    ReplyAddresses replies = config.email().replyAddresses().orElseThrow(() -> new IllegalStateException(
        "replies by email need INBOUND_EMAIL_DOMAIN and REPLY_ADDRESS_SECRET"));
    DynamoDbAdapters dynamoDb = DynamoDbAdapters.from(config);
    TicketRepository tickets = dynamoDb.tickets();
    return new InboundEmailService(
        S3Clients.fileStorage(config, S3Clients.client(config), S3Clients.presigner(config), clock),
        new ReceiveReply(tickets, new AppendMessage(tickets, config.serviceLevels().levels(), clock), replies,
            dynamoDb.rateLimiter(config.limits(), clock)));
  }
}
