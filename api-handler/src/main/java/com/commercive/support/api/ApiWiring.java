package com.commercive.support.api;

import com.commercive.support.assistant.Assistant;
import com.commercive.support.assistant.providers.Assistants;
import com.commercive.support.assistant.providers.LazyAssistant;
import com.commercive.support.config.SupportConfig;
import com.commercive.support.realtime.RealtimeService;
import com.commercive.support.service.AgentService;
import com.commercive.support.service.AssignmentService;
import com.commercive.support.service.AssistantService;
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
 * The API function's parts over the real adapters: the HTTP API with every route's use cases,
 * its metrics, the assistant (warmed before a SnapStart snapshot) and the token key the warm-up
 * signs with.
 */
public record ApiWiring(HttpApi api, ApiMetrics metrics, Assistant assistant, byte[] jwtSecret) {

  /** What Lambda and the local runner use: the adapters from {@code config}, metrics as EMF logs. */
  public static ApiWiring from(SupportConfig config) {
    Clock clock = Clock.systemUTC();
    return from(config, DynamoDbAdapters.from(config), clock,
        new EmfApiMetrics(config.metrics().namespace(), config.metrics().serviceName(), clock));
  }

  public static ApiWiring from(SupportConfig config, DynamoDbAdapters dynamoDb, Clock clock, ApiMetrics metrics) {
    // The knowledge base is indexed on the first assistant request (or the SnapStart warm-up), not
    // at every cold start: most requests are ticket routes (docs/performance.md has the figures).
    Assistant answering = new LazyAssistant(() -> Assistants.create(config));
    Supplier<String> ids = () -> UUID.randomUUID().toString();
    var files = S3Clients.fileStorage(config, S3Clients.client(config), S3Clients.presigner(config), clock);
    RateLimiter limits = dynamoDb.rateLimiter(config.limits(), clock);
    var roster = dynamoDb.roster();
    var users = dynamoDb.users();
    TicketUseCases tickets = TicketUseCases.over(dynamoDb.tickets(), users, dynamoDb.attachments(), roster, limits,
        new CursorCodec(config.jwt().requireSecret()), config.api().attachmentUrlPrefixes(), clock, ids);
    HttpApi api = new HttpApi(
        tickets,
        new AssistantService(answering, tickets.access(), tickets.append(), dynamoDb.tickets(), ids, limits),
        new CannedResponseService(dynamoDb.cannedResponses(), tickets.access(), tickets.post(), users, clock, ids),
        new AgentService(roster, users, config.assignment().autoAssign()
            ? new AssignmentService(dynamoDb.tickets(), roster, clock) : null),
        new AttachmentService(dynamoDb.attachments(), files, tickets.access(), dynamoDb.tickets(), clock, ids,
            config.attachments().policy(), limits),
        new RealtimeService(dynamoDb.realtime(), tickets.access(), clock, ids),
        config.realtime().clientUrl(),
        new IdempotencyService(dynamoDb.claims(), clock),
        new JwtAuthenticator(config.jwt().requireSecret(), config.jwt().issuer(), config.jwt().audience(),
            config.jwt().maxTimeToLive(), clock),
        new CorsPolicy(config.api().corsAllowedOrigins()),
        metrics);
    return new ApiWiring(api, metrics, answering, config.jwt().requireSecret());
  }
}
