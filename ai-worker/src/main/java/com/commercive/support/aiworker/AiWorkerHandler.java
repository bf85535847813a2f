package com.commercive.support.aiworker;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.commercive.support.assistant.providers.Assistants;
import com.commercive.support.config.SupportConfig;
import com.commercive.support.lambda.SnapStartPriming;
import com.commercive.support.lambda.batch.SqsBatches;
import com.commercive.support.logging.InvocationLogContext;
import com.commercive.support.pipeline.AiJob;
import com.commercive.support.realtime.LiveUpdates;
import com.commercive.support.store.apigateway.ApiGatewayConnectionPusher;
import com.commercive.support.store.apigateway.RealtimeClients;
import com.commercive.support.store.dynamodb.DynamoDbTicketRepository;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes AI jobs (a FIFO queue grouped by ticket) and writes the assistant's replies. A job that
 * fails is reported alone; later jobs of the same ticket in the batch are reported too, unprocessed,
 * so that a ticket's jobs keep their order.
 */
public final class AiWorkerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
  private static final Logger LOG = LoggerFactory.getLogger(AiWorkerHandler.class);

  private final AutoReplyService autoReplies;

  /**
   * What Lambda calls: wires the real adapters from the environment, once per cold start, and
   * registers the warm-up SnapStart runs before its snapshot (reads and the assistant's index).
   */
  public AiWorkerHandler() {
    this(SupportConfig.fromEnvironment());
    SnapStartPriming.register("ai-worker", autoReplies::warmUp);
  }

  public AiWorkerHandler(SupportConfig config) {
    this(config, com.commercive.support.store.dynamodb.DynamoDbClients.create(config));
  }

  private AiWorkerHandler(SupportConfig config, software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamoDb) {
    this(config, dynamoDb, new DynamoDbTicketRepository(dynamoDb, config.tables().tickets(), config.tables().messages(),
        config.tables().agents()));
  }

  private AiWorkerHandler(SupportConfig config, software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamoDb,
      DynamoDbTicketRepository tickets) {
    this(new AutoReplyService(
        tickets,
        Assistants.create(config),
        Clock.systemUTC(),
        config.autoReplies().enabled(),
        config.autoReplies().maxPerTicket(),
        config.autoReplies().burstSettle(),
        new com.commercive.support.service.RateLimiter(
            new com.commercive.support.store.dynamodb.DynamoDbRateLimitStore(dynamoDb, config.tables().idempotency()),
            Clock.systemUTC(), config.limits().perHour()),
        // Marks tickets that need a person; the stream processor then gives them to agents.
        config.assignment().autoAssign() ? new com.commercive.support.service.AssignmentService(tickets,
            new com.commercive.support.store.dynamodb.DynamoDbAgentRoster(dynamoDb, config.tables().agents()),
            Clock.systemUTC()) : null,
        announcer(config, dynamoDb)));
  }

  /** The ticket's live listeners told of the assistant's work, where live updates are set up. */
  private static AssistantAnnouncer announcer(SupportConfig config,
      software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamoDb) {
    if (!config.realtime().enabled()) {
      return AssistantAnnouncer.NONE;
    }
    LiveUpdates live = new LiveUpdates(
        new com.commercive.support.store.dynamodb.DynamoDbRealtimeStore(dynamoDb, config.tables().connections()),
        new ApiGatewayConnectionPusher(RealtimeClients.connections(config)),
        new com.commercive.support.store.dynamodb.DynamoDbUserDirectory(dynamoDb, config.tables().users()),
        Clock.systemUTC(), () -> java.util.UUID.randomUUID().toString());
    return new AssistantAnnouncer() {
      @Override
      public void startedAnswering(String ticketId) {
        live.assistantTyping(ticketId);
      }

      @Override
      public void replied(com.commercive.support.domain.Message reply) {
        live.messageCreated(reply);
      }
    };
  }

  /** Takes its collaborators: what tests use. */
  public AiWorkerHandler(AutoReplyService autoReplies) {
    this.autoReplies = autoReplies;
  }

  @Override
  public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
    return InvocationLogContext.around(context, () -> process(event));
  }

  SQSBatchResponse process(SQSEvent event) {
    return SqsBatches.inGroupOrder(event, LOG, "ai job", SqsBatches.workItem(AiJob.class, this::answer));
  }

  private void answer(AiJob job) {
    AutoReplyService.Outcome outcome = autoReplies.handle(job);
    LOG.atInfo().addKeyValue("ticket_id", job.ticketId())
        .addKeyValue("message_id", job.messageId()).addKeyValue("outcome", outcome.name())
        .log("ai job handled");
  }
}
