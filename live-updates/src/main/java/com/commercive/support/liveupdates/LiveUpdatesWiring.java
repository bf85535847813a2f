package com.commercive.support.liveupdates;

import com.commercive.support.config.SupportConfig;
import com.commercive.support.realtime.LiveUpdates;
import com.commercive.support.realtime.RealtimeService;
import com.commercive.support.service.CursorCodec;
import com.commercive.support.service.TicketService;
import com.commercive.support.store.apigateway.ApiGatewayConnectionPusher;
import com.commercive.support.store.apigateway.RealtimeClients;
import com.commercive.support.store.dynamodb.DynamoDbClients;
import com.commercive.support.store.dynamodb.DynamoDbRealtimeStore;
import com.commercive.support.store.dynamodb.DynamoDbTicketRepository;
import com.commercive.support.store.dynamodb.DynamoDbUserDirectory;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The live updates' use cases over the real adapters, built once per cold start. */
public final class LiveUpdatesWiring {
  private LiveUpdatesWiring() {}

  public static RealtimeService realtime(SupportConfig config) {
    DynamoDbClient dynamoDb = DynamoDbClients.create(config);
    var tables = config.tables();
    TicketService tickets = new TicketService(new DynamoDbTicketRepository(dynamoDb, tables),
        new DynamoDbUserDirectory(dynamoDb, tables.users()), throwawayCursors(), Clock.systemUTC(),
        () -> UUID.randomUUID().toString(), List.of());
    return new RealtimeService(new DynamoDbRealtimeStore(dynamoDb, tables.connections()), tickets, Clock.systemUTC(),
        () -> UUID.randomUUID().toString());
  }

  public static LiveUpdates liveUpdates(SupportConfig config) {
    DynamoDbClient dynamoDb = DynamoDbClients.create(config);
    var tables = config.tables();
    return new LiveUpdates(new DynamoDbRealtimeStore(dynamoDb, tables.connections()),
        new ApiGatewayConnectionPusher(RealtimeClients.connections(config)),
        new DynamoDbUserDirectory(dynamoDb, tables.users()), Clock.systemUTC(), () -> UUID.randomUUID().toString());
  }

  /**
   * The WebSocket routes read one ticket to check who may follow it and never page a list, so
   * they sign no cursor: a key of their own, never shared, keeps them from needing the API's.
   */
  private static CursorCodec throwawayCursors() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return new CursorCodec(key);
  }
}
