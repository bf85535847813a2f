package com.commercive.support.airesponse;

import com.commercive.support.api.ApiMetrics;
import com.commercive.support.api.EmfApiMetrics;
import com.commercive.support.api.HttpApi;
import com.commercive.support.api.HttpApiSteps;
import com.commercive.support.assistant.Assistant;
import com.commercive.support.assistant.providers.Assistants;
import com.commercive.support.config.SupportConfig;
import com.commercive.support.service.AppendMessage;
import com.commercive.support.service.AssistantService;
import com.commercive.support.service.TicketAccess;
import com.commercive.support.store.TicketRepository;
import com.commercive.support.store.dynamodb.DynamoDbAdapters;
import java.time.Clock;
import java.util.UUID;

/**
 * The assistant function's parts over the real adapters: {@code POST /support/ai-response} with
 * the steps every HTTP request passes, the assistant (its index built at start, or before a
 * SnapStart snapshot), the tickets it reads and answers on, and its metrics.
 */
public record AiResponseWiring(HttpApi api, ApiMetrics metrics, Assistant assistant) {

  public static AiResponseWiring from(SupportConfig config) {
    Clock clock = Clock.systemUTC();
    DynamoDbAdapters dynamoDb = DynamoDbAdapters.from(config);
    ApiMetrics metrics = new EmfApiMetrics(config.metrics().namespace(), config.metrics().serviceName(), clock);
    Assistant assistant = Assistants.create(config);
    TicketRepository tickets = dynamoDb.tickets();
    HttpApi api = HttpApi.assistant(
        new AssistantService(assistant, new TicketAccess(tickets), new AppendMessage(tickets, config.serviceLevels().levels(), clock), tickets,
            () -> UUID.randomUUID().toString(), dynamoDb.rateLimiter(config.limits(), clock)),
        HttpApiSteps.from(config, dynamoDb.claims(), clock, metrics));
    return new AiResponseWiring(api, metrics, assistant);
  }
}
