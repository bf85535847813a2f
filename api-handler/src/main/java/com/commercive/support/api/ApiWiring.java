package com.commercive.support.api;

import com.commercive.support.service.ReadMetrics;
import com.commercive.support.config.SupportConfig;
import com.commercive.support.realtime.RealtimeService;
import com.commercive.support.service.AgentService;
import com.commercive.support.service.AssignmentService;
import com.commercive.support.service.AttachmentService;
import com.commercive.support.service.CannedResponseService;
import com.commercive.support.service.CursorCodec;
import com.commercive.support.service.RateLimiter;
import com.commercive.support.service.TicketUseCases;
import com.commercive.support.store.dynamodb.DynamoDbAdapters;
import com.commercive.support.store.s3.S3Clients;
import java.time.Clock;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The API function's parts over the real adapters: the help desk's routes with their use cases,
 * its metrics, and the token key the SnapStart warm-up signs with. The assistant's route is
 * another function's ({@code ai-response}), so nothing here loads the search index.
 */
public record ApiWiring(HttpApi api, ApiMetrics metrics, byte[] jwtSecret) {

  /** What Lambda and the local runner use: the adapters from {@code config}, metrics as EMF logs. */
  public static ApiWiring from(SupportConfig config) {
    Clock clock = Clock.systemUTC();
    return from(config, DynamoDbAdapters.from(config), clock,
        new EmfApiMetrics(config.metrics().namespace(), config.metrics().serviceName(), clock));
  }

  public static ApiWiring from(SupportConfig config, DynamoDbAdapters dynamoDb, Clock clock, ApiMetrics metrics) {
    Supplier<String> ids = () -> UUID.randomUUID().toString();
    var files = S3Clients.fileStorage(config, S3Clients.client(config), S3Clients.presigner(config), clock);
    RateLimiter limits = dynamoDb.rateLimiter(config.limits(), clock);
    var roster = dynamoDb.roster();
    var users = dynamoDb.users();
    TicketUseCases tickets = TicketUseCases.over(dynamoDb.tickets(), users, dynamoDb.attachments(), roster, limits,
        new CursorCodec(config.jwt().requireSecret()), config.api().attachmentUrlPrefixes(), config.serviceLevels().levels(), clock, ids);
    HttpApi api = HttpApi.tickets(
        tickets,
        new CannedResponseService(dynamoDb.cannedResponses(), tickets.access(), tickets.post(), users, clock, ids),
        new AgentService(roster, users, config.assignment().autoAssign()
            ? new AssignmentService(dynamoDb.tickets(), roster, clock) : null),
        new AttachmentService(dynamoDb.attachments(), files, tickets.access(), dynamoDb.tickets(), clock, ids,
            config.attachments().policy(), limits),
        new RealtimeService(dynamoDb.realtime(), tickets.access(), limits, config.realtime().connectionsPerUser(),
            clock, ids),
        config.realtime().clientUrl(),
        new ReadMetrics(dynamoDb.metrics(clock)),
        HttpApiSteps.from(config, dynamoDb.claims(), clock, metrics));
    return new ApiWiring(api, metrics, config.jwt().requireSecret());
  }
}
