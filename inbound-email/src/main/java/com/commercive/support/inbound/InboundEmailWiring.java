package com.commercive.support.inbound;

import com.commercive.support.config.SupportConfig;
import com.commercive.support.email.ReplyAddresses;
import com.commercive.support.domain.ServiceLevels;
import com.commercive.support.service.AppendMessage;
import com.commercive.support.service.OpenTicket;
import com.commercive.support.service.RateLimiter;
import com.commercive.support.service.ReceiveReply;
import com.commercive.support.store.TicketRepository;
import com.commercive.support.store.dynamodb.DynamoDbAdapters;
import com.commercive.support.store.s3.S3Clients;
import java.time.Clock;
import java.util.UUID;

/**
 * The inbound-email function's parts: the bucket SES stores mail in, the tickets, the users and the
 * address book (who is writing), the limits, the reply key.
 */
public final class InboundEmailWiring {
  private InboundEmailWiring() {}

  public static InboundEmailService service(SupportConfig config) {
    Clock clock = Clock.systemUTC();
    ReplyAddresses replies = config.email().replyAddresses().orElseThrow(() -> new IllegalStateException(
        "replies by email need INBOUND_EMAIL_DOMAIN and REPLY_ADDRESS_SECRET"));
    DynamoDbAdapters dynamoDb = DynamoDbAdapters.from(config);
    TicketRepository tickets = dynamoDb.tickets();
    RateLimiter limits = dynamoDb.rateLimiter(config.limits(), clock);
    ServiceLevels levels = config.serviceLevels().levels();
    return new InboundEmailService(
        S3Clients.fileStorage(config, S3Clients.client(config), S3Clients.presigner(config), clock),
        new ReceiveReply(tickets, new AppendMessage(tickets, levels, clock),
            // A ticket opened by mail gets its ids from the mail, never from this supplier.
            new OpenTicket(tickets, limits, levels, clock, () -> UUID.randomUUID().toString()), replies,
            dynamoDb.users(), dynamoDb.addressBook(clock), limits));
  }
}
