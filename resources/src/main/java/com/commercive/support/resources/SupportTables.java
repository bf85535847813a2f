package com.commercive.support.resources;

import java.util.List;
import java.util.Optional;

/**
 * The tables, their keys and indexes, in one place: what the DynamoDB adapters query, what the
 * local runner and the tests create, and what the CDK stack declares.
 */
public final class SupportTables {
  public static final String TICKET_ID = "ticket_id";
  public static final String USER_ID = "user_id";
  public static final String USER_STATUS = "user_status";
  /** {@code a:<agent_id>#<status>}, or {@code u#<status>} when unassigned: the key of the assignee inbox. */
  public static final String ASSIGNEE_STATUS = "assignee_status";
  public static final String STATUS = "status";
  public static final String CREATED_AT = "created_at";
  public static final String UPDATED_AT = "updated_at";
  public static final String MESSAGE_ID = "message_id";
  public static final String IDEMPOTENCY_KEY = "idempotency_key";
  public static final String CANNED_RESPONSE_ID = "canned_response_id";
  public static final String AGENT_ID = "agent_id";
  public static final String ATTACHMENT_ID = "attachment_id";
  /** Epoch seconds after which DynamoDB deletes an item (idempotency records, attachments never sent). */
  public static final String EXPIRES_AT = "expires_at";

  public static final String USER_TICKETS_INDEX = "user-tickets-index";
  public static final String USER_STATUS_TICKETS_INDEX = "user-status-tickets-index";
  public static final String INBOX_INDEX = "status-updated-index";
  public static final String ASSIGNEE_INBOX_INDEX = "assignee-status-updated-index";
  /** Tickets waiting for an agent, oldest first: sparse, only waiting tickets carry its key. */
  public static final String WAITING_INDEX = "waiting-index";
  public static final String WAITING = "waiting";
  public static final String WAITING_SINCE = "waiting_since";
  public static final String TICKET_MESSAGES_INDEX = "ticket-messages-index";
  /**
   * Tickets with a service-level clock or an auto-close running, by when the next is due: sparse
   * (only those carry its key), its partitions {@code due#0..}{@value #DUE_SHARDS}{@code -1} spread
   * by ticket, so the sweep reads due tickets with a query per shard and never scans.
   */
  public static final String SLA_DUE_INDEX = "sla-due-index";
  public static final String DUE_SHARD = "due_shard";
  public static final String NEXT_DUE_AT = "next_due_at";
  public static final int DUE_SHARDS = 4;

  public static final TableSpec TICKETS = new TableSpec("commercive_support_tickets", TICKET_ID, true, Optional.empty(),
      List.of(
          new TableSpec.Index(USER_TICKETS_INDEX, USER_ID, CREATED_AT),
          new TableSpec.Index(USER_STATUS_TICKETS_INDEX, USER_STATUS, CREATED_AT),
          new TableSpec.Index(INBOX_INDEX, STATUS, UPDATED_AT),
          new TableSpec.Index(ASSIGNEE_INBOX_INDEX, ASSIGNEE_STATUS, UPDATED_AT),
          new TableSpec.Index(WAITING_INDEX, WAITING, WAITING_SINCE),
          new TableSpec.Index(SLA_DUE_INDEX, DUE_SHARD, NEXT_DUE_AT)));
  public static final TableSpec MESSAGES = new TableSpec("commercive_support_messages", MESSAGE_ID, true,
      Optional.empty(), List.of(new TableSpec.Index(TICKET_MESSAGES_INDEX, TICKET_ID, CREATED_AT)));
  /** Commercive's users, owned by the main platform; the stack creates it only when asked. */
  public static final TableSpec USERS = new TableSpec("commercive_users", USER_ID, false, Optional.empty(), List.of());
  /** Effects that must happen once (replayed requests, sent emails, replies) and rate counters. */
  public static final TableSpec IDEMPOTENCY = new TableSpec("commercive_support_idempotency", IDEMPOTENCY_KEY, false,
      Optional.of(EXPIRES_AT), List.of());

  /** The team's canned responses, and one item per shortcut in use (which keeps shortcuts unique). */
  public static final TableSpec CANNED_RESPONSES = new TableSpec("commercive_support_canned_responses",
      CANNED_RESPONSE_ID, false, Optional.empty(), List.of());

  /** The support team's roster: availability, capacity and the count of open tickets each holds. */
  public static final TableSpec AGENTS = new TableSpec("commercive_support_agents", AGENT_ID, false, Optional.empty(),
      List.of());

  /**
   * Files uploaded to tickets: who uploaded what, its check, and the message it is on. Streamed:
   * an upload never attached expires, and its expiry is what deletes its file.
   */
  public static final TableSpec ATTACHMENTS = new TableSpec("commercive_support_attachments", ATTACHMENT_ID, true,
      Optional.of(EXPIRES_AT), List.of());

  /** Partition and sort key of the connections table: item collections per token, connection and topic. */
  public static final String PK = "pk";
  public static final String SK = "sk";

  /**
   * Live updates: single-use tokens, open WebSocket connections, and one item per topic and
   * connection listening to it (so a ticket's listeners are one query), each with its mirror
   * under the connection (so a connection's subscriptions go with it). Everything expires.
   */
  public static final TableSpec CONNECTIONS = new TableSpec("commercive_support_connections", PK, false,
      Optional.of(EXPIRES_AT), List.of(), Optional.of(SK));

  /** The metrics' key: {@code day#<yyyy-mm-dd>} for a day's counters, {@code evt#<stream event id>} for a change counted. */
  public static final String METRIC_KEY = "metric_key";

  /**
   * Service-quality metrics: one item of counters per UTC day, and one marker per stream record
   * counted (expiring after the stream's 24 hours), written together so a change counts once.
   */
  public static final TableSpec METRICS = new TableSpec("commercive_support_metrics", METRIC_KEY, false,
      Optional.of(EXPIRES_AT), List.of());

  private SupportTables() {}
}
