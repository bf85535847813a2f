package com.commercive.support.store.dynamodb;

import com.commercive.support.config.RateLimits;
import com.commercive.support.config.SupportConfig;
import com.commercive.support.store.MetricsStore;
import com.commercive.support.store.RealtimeStore;
import com.commercive.support.resources.TableNames;
import com.commercive.support.service.RateLimiter;
import com.commercive.support.store.AddressBook;
import com.commercive.support.store.AgentRoster;
import com.commercive.support.store.AttachmentStore;
import com.commercive.support.store.CannedResponseStore;
import com.commercive.support.store.ClaimStore;
import com.commercive.support.store.TicketRepository;
import com.commercive.support.store.UserDirectory;
import java.time.Clock;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The one place the DynamoDB adapters are built: each port over its table, all on one client.
 * A function's wiring asks only for the ports it uses; every table's name is known when this is
 * built (a missing one fails the start, never a request).
 */
public final class DynamoDbAdapters {
  private final DynamoDbClient client;
  private final TableNames tables;
  private DynamoDbTicketRepository tickets;

  private DynamoDbAdapters(DynamoDbClient client, TableNames tables) {
    this.client = Objects.requireNonNull(client, "client");
    this.tables = Objects.requireNonNull(tables, "tables");
  }

  /** The adapters over {@code tables} through {@code client} (tests, the local runner, benches). */
  public static DynamoDbAdapters over(DynamoDbClient client, TableNames tables) {
    return new DynamoDbAdapters(client, tables);
  }

  /** The adapters a function uses on AWS: the client built once, the tables from its environment. */
  public static DynamoDbAdapters from(SupportConfig config) {
    return over(DynamoDbClients.create(config), config.tables());
  }

  public DynamoDbClient client() {
    return client;
  }

  public TableNames tables() {
    return tables;
  }

  /** Tickets and their messages, over every table a ticket's writes touch; one per adapter set. */
  public synchronized TicketRepository tickets() {
    if (tickets == null) {
      tickets = new DynamoDbTicketRepository(client, tables);
    }
    return tickets;
  }

  public UserDirectory users() {
    return new DynamoDbUserDirectory(client, tables.users());
  }

  public ClaimStore claims() {
    return new DynamoDbClaimStore(client, tables.idempotency());
  }

  public AgentRoster roster() {
    return new DynamoDbAgentRoster(client, tables.agents());
  }

  public AttachmentStore attachments() {
    return new DynamoDbAttachmentStore(client, tables.attachments());
  }

  public CannedResponseStore cannedResponses() {
    return new DynamoDbCannedResponseStore(client, tables.cannedResponses());
  }

  public RealtimeStore realtime() {
    return new DynamoDbRealtimeStore(client, tables.connections());
  }

  /** Which user each address emailed belongs to, in the idempotency table. */
  public AddressBook addressBook(Clock clock) {
    return new DynamoDbAddressBook(client, tables.idempotency(), clock);
  }

  /** The per-day service-quality counters. */
  public MetricsStore metrics(Clock clock) {
    return new DynamoDbMetricsStore(client, tables.metrics(), clock);
  }

  /** The abuse limits, counted in the idempotency table. */
  public RateLimiter rateLimiter(RateLimits limits, Clock clock) {
    return new RateLimiter(new DynamoDbRateLimitStore(client, tables.idempotency()), clock, limits.allowances());
  }
}
