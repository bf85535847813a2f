package com.commercive.support.store.dynamodb;

import com.commercive.support.domain.Caller;
import com.commercive.support.service.RateLimiter;
import com.commercive.support.store.AgentRoster;
import com.commercive.support.store.AttachmentStore;
import com.commercive.support.service.OpenTicket;
import com.commercive.support.domain.Message;
import com.commercive.support.resources.TableNames;
import com.commercive.support.service.CursorCodec;
import com.commercive.support.service.TicketUseCases;
import com.commercive.support.service.OpenTicket.NewTicket;
import com.commercive.support.standins.DynamoDbLocalServer;
import com.commercive.support.testing.DynamoDbCallRecorder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The ticket service over the DynamoDB adapters on fresh tables in DynamoDB Local, with an owner
 * and an admin: what the race tests of several modules start from.
 */
public final class TicketsOnDynamoDbLocal implements AutoCloseable {
  public static final Caller OWNER = new Caller("race-owner", false, "Dana", "dana@example.com");
  public static final Caller ADMIN = new Caller("race-admin", true, "Alex", "alex@example.com");
  public final DynamoDbClient client;
  public final TableNames tables;
  public final DynamoDbTicketRepository repository;
  public final TicketUseCases service;

  public TicketsOnDynamoDbLocal() {
    client = DynamoDbLocalServer.client(new DynamoDbCallRecorder());
    tables = DynamoDbLocalServer.createTables(client);
    repository = new DynamoDbTicketRepository(client, tables);
    service = TicketUseCases.over(repository, new DynamoDbUserDirectory(client, tables.users()), AttachmentStore.none(), AgentRoster.empty(), RateLimiter.unlimited(), new CursorCodec("races-cursor-secret-32-bytes-long!!".getBytes(StandardCharsets.UTF_8)), List.of(), com.commercive.support.domain.ServiceLevels.DEFAULT, Clock.systemUTC(), () -> UUID.randomUUID().toString());
  }

  /** A new ticket of the owner's with one message; its id. */
  public String openTicket() {
    return service.open().open(OWNER, new NewTicket("Race number " + UUID.randomUUID(), "high", "first question"))
        .ticket().ticketId();
  }

  public List<Message> thread(String ticketId) {
    return repository.listMessages(ticketId, 200, null, true).items();
  }

  @Override
  public void close() {
    client.close();
  }
}
