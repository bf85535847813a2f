package com.commercive.support.streamprocessor;

import com.commercive.support.config.SupportConfig;
import com.commercive.support.service.AssignmentService;
import com.commercive.support.service.SweepTickets;
import com.commercive.support.store.MetricsStore;
import com.commercive.support.store.dynamodb.DynamoDbAdapters;
import com.commercive.support.store.sqs.SqsClients;
import com.commercive.support.store.sqs.SqsWorkQueue;
import java.time.Clock;

/**
 * The stream processor's parts: the router that puts work on the queues, the tables whose
 * streams it reads (to tell their records apart), what gives waiting tickets to agents (null
 * when automatic assignment is off), and the per-day metrics each change adds to.
 */
public record StreamProcessorWiring(ChangeRouter router, String ticketsTable, String messagesTable,
    Runnable fillSeats, MetricsStore metrics) {

  public static StreamProcessorWiring from(SupportConfig config) {
    // With automatic assignment, every merchant's message is an AI job: the AI worker decides
    // whether it needs a person, even when it will not answer it itself.
    ChangeRouter router = new ChangeRouter(
        new SqsWorkQueue(SqsClients.create(config), config.queues().aiJobsQueue(), config.queues().notificationsQueue()),
        config.autoReplies().enabled() || config.assignment().autoAssign());
    DynamoDbAdapters dynamoDb = DynamoDbAdapters.from(config);
    Runnable fillSeats = null;
    if (config.assignment().autoAssign()) {
      fillSeats = new AssignmentService(dynamoDb.tickets(), dynamoDb.roster(), Clock.systemUTC())::assignWaiting;
    }
    return new StreamProcessorWiring(router, config.tables().tickets(), config.tables().messages(), fillSeats,
        dynamoDb.metrics(Clock.systemUTC()));
  }

  /** The service-level sweep (the same jar, a function of its own on a schedule). */
  public static SweepTickets sweep(SupportConfig config) {
    return new SweepTickets(DynamoDbAdapters.from(config).tickets(), config.serviceLevels().levels(), Clock.systemUTC());
  }
}
