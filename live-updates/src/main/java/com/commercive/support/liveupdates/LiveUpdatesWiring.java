package com.commercive.support.liveupdates;

import com.commercive.support.config.SupportConfig;
import com.commercive.support.realtime.LiveUpdates;
import com.commercive.support.realtime.RealtimeService;
import com.commercive.support.service.TicketAccess;
import com.commercive.support.store.apigateway.ApiGatewayConnectionPusher;
import com.commercive.support.store.apigateway.RealtimeClients;
import com.commercive.support.store.dynamodb.DynamoDbAdapters;
import java.time.Clock;
import java.util.UUID;

/** The live-updates functions' parts over the real adapters. */
public final class LiveUpdatesWiring {
  private LiveUpdatesWiring() {}

  /** The WebSocket routes: tokens, connections and subscriptions, with who may follow a ticket. */
  public static RealtimeService realtime(SupportConfig config) {
    DynamoDbAdapters dynamoDb = DynamoDbAdapters.from(config);
    Clock clock = Clock.systemUTC();
    return new RealtimeService(dynamoDb.realtime(), new TicketAccess(dynamoDb.tickets()),
        dynamoDb.rateLimiter(config.limits(), clock), config.realtime().connectionsPerUser(), clock,
        () -> UUID.randomUUID().toString());
  }

  /** The pusher: the tables' changes sent to the connections allowed to see them. */
  public static LiveUpdates liveUpdates(SupportConfig config) {
    DynamoDbAdapters dynamoDb = DynamoDbAdapters.from(config);
    return new LiveUpdates(dynamoDb.realtime(), new ApiGatewayConnectionPusher(RealtimeClients.connections(config)),
        dynamoDb.users(), Clock.systemUTC(), () -> UUID.randomUUID().toString());
  }
}
