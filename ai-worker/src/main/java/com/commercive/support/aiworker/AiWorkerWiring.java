package com.commercive.support.aiworker;

import com.commercive.support.assistant.kb.KnowledgeBase;
import com.commercive.support.assistant.kb.UrgencyModel;
import com.commercive.support.assistant.providers.Assistants;
import com.commercive.support.config.SupportConfig;
import com.commercive.support.domain.Message;
import com.commercive.support.realtime.LiveUpdates;
import com.commercive.support.service.AppendMessage;
import com.commercive.support.service.AssignmentService;
import com.commercive.support.store.TicketRepository;
import com.commercive.support.store.apigateway.ApiGatewayConnectionPusher;
import com.commercive.support.store.apigateway.RealtimeClients;
import com.commercive.support.store.dynamodb.DynamoDbAdapters;
import java.time.Clock;
import java.util.UUID;

/**
 * The AI worker's parts over the real adapters: the tickets it answers on, the assistant, the
 * abuse limits, assignment when a person is needed, and the live listeners it tells.
 */
public final class AiWorkerWiring {
  private AiWorkerWiring() {}

  public static AutoReplyService autoReplies(SupportConfig config) {
    Clock clock = Clock.systemUTC();
    DynamoDbAdapters dynamoDb = DynamoDbAdapters.from(config);
    TicketRepository tickets = dynamoDb.tickets();
    KnowledgeBase knowledgeBase = KnowledgeBase.load();
    return new AutoReplyService(tickets, new AppendMessage(tickets, config.serviceLevels().levels(), clock),
        Assistants.create(config, knowledgeBase), config.autoReplies(), dynamoDb.rateLimiter(config.limits(), clock),
        // Marks tickets that need a person; the stream processor then gives them to agents.
        config.assignment().autoAssign() ? new AssignmentService(tickets, dynamoDb.roster(), clock) : null,
        announcer(config, dynamoDb, clock), clock, UrgencyModel.load(knowledgeBase));
  }

  /** The ticket's live listeners told of the assistant's work, where live updates are set up. */
  private static AssistantAnnouncer announcer(SupportConfig config, DynamoDbAdapters dynamoDb, Clock clock) {
    if (!config.realtime().enabled()) {
      return AssistantAnnouncer.NONE;
    }
    LiveUpdates live = new LiveUpdates(dynamoDb.realtime(),
        new ApiGatewayConnectionPusher(RealtimeClients.connections(config)), dynamoDb.users(), clock,
        () -> UUID.randomUUID().toString());
    return new AssistantAnnouncer() {
      @Override
      public void startedAnswering(String ticketId) {
        live.assistantTyping(ticketId);
      }

      @Override
      public void replied(Message reply) {
        live.messageCreated(reply);
      }
    };
  }
}
