package com.commercive.support.inbound;

import com.commercive.support.config.SupportConfig;
import com.commercive.support.email.ReplyAddresses;
import com.commercive.support.domain.ServiceLevels;
import com.commercive.support.service.AppendMessage;
import com.commercive.support.service.MailFiles;
import com.commercive.support.service.OpenTicket;
import com.commercive.support.service.RateLimiter;
import com.commercive.support.service.ReceiveReply;
import com.commercive.support.store.FileStorage;
import com.commercive.support.store.TicketRepository;
import com.commercive.support.store.dynamodb.DynamoDbAdapters;
import com.commercive.support.store.secretsmanager.SecretsManagerSecrets;
import com.commercive.support.store.s3.S3Clients;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * The inbound-email function's parts: the bucket SES stores mail in, the tickets, the users and the
 * address book (who is writing), the limits, the reply key.
 */
public final class InboundEmailWiring {
  private InboundEmailWiring() {}

  /**
   * The use case, when replies by email are set up (the domain and its key, or on AWS the key's
   * secret, read now and again after a rotation); empty otherwise.
   */
  public static Optional<InboundEmailService> service(SupportConfig config) {
    if (config.email().replyKeysPending()) {
      return Optional.of(service(config, new ReplyKeys(
          () -> SecretsManagerSecrets.resolve(config).email().replyAddresses().orElseThrow(), Clock.systemUTC())));
    }
    return config.email().replyAddresses().map(replies -> service(config, ReplyKeys.fixed(replies)));
  }

  private static InboundEmailService service(SupportConfig config, ReplyKeys keys) {
    Clock clock = Clock.systemUTC();
    DynamoDbAdapters dynamoDb = DynamoDbAdapters.from(config);
    TicketRepository tickets = dynamoDb.tickets();
    RateLimiter limits = dynamoDb.rateLimiter(config.limits(), clock);
    ServiceLevels levels = config.serviceLevels().levels();
    FileStorage bucket = S3Clients.fileStorage(config, S3Clients.client(config), S3Clients.presigner(config), clock);
    MailFiles files = new MailFiles(dynamoDb.attachments(), bucket, config.attachments().policy(), clock,
        MailFiles.CHECK_WAIT);
    AppendMessage append = new AppendMessage(tickets, levels, clock);
    // A ticket opened by mail gets its ids from the mail, never from this supplier.
    OpenTicket open = new OpenTicket(tickets, limits, levels, clock, () -> UUID.randomUUID().toString());
    return new InboundEmailService(bucket, keys, replies -> new ReceiveReply(tickets, append, open, replies,
        dynamoDb.users(), dynamoDb.addressBook(clock), limits, files));
  }
}
