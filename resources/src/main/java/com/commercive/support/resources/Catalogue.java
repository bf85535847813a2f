package com.commercive.support.resources;

import static com.commercive.support.resources.EnvironmentVariables.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The system's parts: its tables, queues, bucket, schedules and functions, each function with
 * what runs it and the variables it is given. The CDK stack and the local runner both iterate these lists, so
 * adding a function or a table is one entry here (and its handler, or its spec).
 */
public final class Catalogue {
  public static final TableEntry TICKETS = new TableEntry("Tickets", SupportTables.TICKETS, TICKETS_TABLE);
  public static final TableEntry MESSAGES = new TableEntry("Messages", SupportTables.MESSAGES, MESSAGES_TABLE);
  /** Owned by the main platform: the stack imports it when told its name, and creates it otherwise. */
  public static final TableEntry USERS = new TableEntry("Users", SupportTables.USERS, USERS_TABLE);
  public static final TableEntry IDEMPOTENCY =
      new TableEntry("Idempotency", SupportTables.IDEMPOTENCY, IDEMPOTENCY_TABLE);
  public static final TableEntry CANNED_RESPONSES =
      new TableEntry("CannedResponses", SupportTables.CANNED_RESPONSES, CANNED_RESPONSES_TABLE);
  public static final TableEntry AGENTS = new TableEntry("Agents", SupportTables.AGENTS, AGENTS_TABLE);
  public static final TableEntry ATTACHMENTS =
      new TableEntry("Attachments", SupportTables.ATTACHMENTS, ATTACHMENTS_TABLE);
  public static final TableEntry CONNECTIONS =
      new TableEntry("Connections", SupportTables.CONNECTIONS, CONNECTIONS_TABLE);
  /** Per-day service-quality counters, kept by the stream processor, read by the API's metrics route. */
  public static final TableEntry METRICS = new TableEntry("Metrics", SupportTables.METRICS, METRICS_TABLE);
  public static final List<TableEntry> TABLES =
      List.of(TICKETS, MESSAGES, USERS, IDEMPOTENCY, CANNED_RESPONSES, AGENTS, ATTACHMENTS, CONNECTIONS, METRICS);

  public static final QueueEntry AI_JOBS =
      new QueueEntry("AiJobs", SupportQueues.AI_JOBS, Optional.of(AI_JOBS_QUEUE_URL));
  public static final QueueEntry NOTIFICATIONS =
      new QueueEntry("Notifications", SupportQueues.NOTIFICATIONS, Optional.of(NOTIFICATIONS_QUEUE_URL));
  /** The stream mappings' failure destination: a dead-letter queue itself, read by people. */
  public static final QueueEntry STREAM_FAILURES =
      new QueueEntry("StreamFailures", SupportQueues.STREAM_FAILURES, Optional.empty());
  /** Fed by the attachments bucket's notifications. */
  public static final QueueEntry ATTACHMENT_CHECKS =
      new QueueEntry("AttachmentChecks", SupportQueues.ATTACHMENT_CHECKS, Optional.empty());
  /** Fed by SES's receipt rule (through its topic): replies by email. */
  public static final QueueEntry INBOUND_MAIL =
      new QueueEntry("InboundMail", SupportQueues.INBOUND_MAIL, Optional.empty());
  public static final List<QueueEntry> QUEUES = List.of(AI_JOBS, NOTIFICATIONS, STREAM_FAILURES, ATTACHMENT_CHECKS,
      INBOUND_MAIL);

  public static final BucketEntry ATTACHMENTS_BUCKET_ENTRY = new BucketEntry("AttachmentsBucket", ATTACHMENTS_BUCKET,
      SupportBuckets.LOCAL_ATTACHMENTS_BUCKET);
  public static final List<BucketEntry> BUCKETS = List.of(ATTACHMENTS_BUCKET_ENTRY);

  /** The service-level sweep's: every minute on AWS (the local runner fires it every SWEEP_INTERVAL_SECONDS). */
  public static final ScheduleEntry SWEEP_SCHEDULE = new ScheduleEntry("SweepSchedule", "rate(1 minute)");
  /** A function runs on one with {@link EventSource#firingsOf}; the stack declares its rule. */
  public static final List<ScheduleEntry> SCHEDULES = List.of(SWEEP_SCHEDULE);

  /** The tables the ticket-reading functions are told of (the canned responses are the API's alone). */
  private static final List<String> TICKET_TABLES = List.of(TICKETS_TABLE, MESSAGES_TABLE, USERS_TABLE,
      IDEMPOTENCY_TABLE, AGENTS_TABLE, ATTACHMENTS_TABLE, CONNECTIONS_TABLE, METRICS_TABLE);
  private static final List<String> ASSISTANT = List.of(AI_PROVIDER, BEDROCK_MODEL_ID, ASSISTANT_HANDOFF_THRESHOLD);
  private static final List<String> ATTACHMENT_FILES = List.of(ATTACHMENTS_BUCKET, ATTACHMENT_MALWARE_SCAN);
  /** Replies by email: the domain mail comes to and the key that signs its reply addresses. */
  private static final List<String> REPLY_ADDRESSES = List.of(INBOUND_EMAIL_DOMAIN, REPLY_ADDRESS_SECRET_ARN);
  /** Every function that writes tickets runs their clocks on the same targets. */
  private static final List<String> SERVICE_LEVELS = List.of(SLA_FIRST_RESPONSE_MINUTES, SLA_RESOLUTION_HOURS,
      AUTO_CLOSE_AFTER);

  /** The help desk's routes: every HTTP request but the assistant's. */
  public static final FunctionEntry API = new FunctionEntry("Api", "api-handler", "api-handler",
      "com.commercive.support.api.ApiHandler", 1024, 15, "commercive-support-api",
      List.of(EventSource.HTTP_REQUESTS),
      join(TICKET_TABLES, ATTACHMENT_FILES, SERVICE_LEVELS,
          List.of(JWT_SECRET_ARN, CORS_ALLOWED_ORIGINS, CANNED_RESPONSES_TABLE, REALTIME_URL)));
  /** The assistant's route, in a function of its own: only its jar holds the search index and its model. */
  public static final FunctionEntry AI_RESPONSE = new FunctionEntry("AiResponse", "ai-response", "ai-response",
      "com.commercive.support.airesponse.AiResponseHandler", 1024, 15, "commercive-support-ai-response",
      List.of(EventSource.httpRoute("POST", "/support/ai-response")),
      join(TICKET_TABLES, ASSISTANT, SERVICE_LEVELS, List.of(JWT_SECRET_ARN, CORS_ALLOWED_ORIGINS)));
  public static final FunctionEntry STREAM_PROCESSOR = new FunctionEntry("StreamProcessor", "stream-processor",
      "stream-processor", "com.commercive.support.streamprocessor.StreamProcessorHandler", 512, 30,
      "commercive-support-stream-processor",
      List.of(EventSource.changesTo(TICKETS), EventSource.changesTo(MESSAGES)),
      join(TICKET_TABLES, List.of(AI_JOBS_QUEUE_URL, NOTIFICATIONS_QUEUE_URL, AUTO_REPLY_ENABLED)));
  public static final FunctionEntry AI_WORKER = new FunctionEntry("AiWorker", "ai-worker", "ai-worker",
      "com.commercive.support.aiworker.AiWorkerHandler", 1024, 60, "commercive-support-ai-worker",
      List.of(EventSource.messagesOn(AI_JOBS)),
      join(TICKET_TABLES, ASSISTANT, SERVICE_LEVELS,
          List.of(AUTO_REPLY_ENABLED, AI_MAX_REPLIES_PER_TICKET, REALTIME_ENDPOINT)));
  public static final FunctionEntry NOTIFIER = new FunctionEntry("Notifier", "notifier", "notifier",
      "com.commercive.support.notifier.NotifierHandler", 512, 30, "commercive-support-notifier",
      // A second's wait gathers the notifications of one burst into one batch.
      List.of(EventSource.messagesOn(NOTIFICATIONS).withBatchingWindow(1)),
      join(TICKET_TABLES, REPLY_ADDRESSES, List.of(ADMIN_NOTIFICATION_EMAILS, FRONTEND_URL, SES_FROM_ADDRESS)));
  public static final FunctionEntry ATTACHMENT_CHECKER = new FunctionEntry("AttachmentChecker",
      "attachment-checker", "attachment-checker",
      "com.commercive.support.attachmentchecker.AttachmentCheckerHandler", 512, 30,
      "commercive-support-attachment-checker", List.of(EventSource.messagesOn(ATTACHMENT_CHECKS)),
      join(ATTACHMENT_FILES, List.of(ATTACHMENTS_TABLE)));
  /** The checker's jar, another handler: deletes the files of uploads never sent when their record expires. */
  public static final FunctionEntry ATTACHMENT_EXPIRER = new FunctionEntry("AttachmentExpirer",
      "attachment-expirer", "attachment-checker",
      "com.commercive.support.attachmentchecker.AttachmentExpiryHandler", 512, 30,
      "commercive-support-attachment-expirer", List.of(EventSource.expiriesIn(ATTACHMENTS)),
      join(ATTACHMENT_FILES, List.of(ATTACHMENTS_TABLE)));
  public static final FunctionEntry WEB_SOCKET = new FunctionEntry("WebSocket", "websocket", "live-updates",
      "com.commercive.support.liveupdates.WebSocketHandler", 512, 10, "commercive-support-websocket",
      List.of(EventSource.WEB_SOCKET_FRAMES), TICKET_TABLES);
  /** The WebSocket jar, another handler: pushes the tables' changes to the connections allowed to see them. */
  public static final FunctionEntry LIVE_UPDATES = new FunctionEntry("LiveUpdates", "live-updates", "live-updates",
      "com.commercive.support.liveupdates.StreamPushHandler", 512, 30, "commercive-support-live-updates",
      List.of(EventSource.changesTo(TICKETS), EventSource.changesTo(MESSAGES), EventSource.changesTo(ATTACHMENTS)),
      join(TICKET_TABLES, List.of(REALTIME_ENDPOINT)));
  /**
   * The stream processor's jar, another handler on a schedule: marks late service-level clocks and
   * closes what is due to close by itself, reading only due tickets from the tickets' sparse index.
   */
  public static final FunctionEntry SWEEP = new FunctionEntry("Sweep", "sweep", "stream-processor",
      "com.commercive.support.streamprocessor.SweepHandler", 512, 60, "commercive-support-sweep",
      List.of(EventSource.firingsOf(SWEEP_SCHEDULE)),
      join(List.of(TICKETS_TABLE), SERVICE_LEVELS));
  /**
   * Replies by email: reads each received mail SES stored in the bucket and appends its new text to
   * its ticket (or opens one), through the same use cases as the API; its files go through the
   * uploads' check.
   */
  public static final FunctionEntry INBOUND_EMAIL = new FunctionEntry("InboundEmail", "inbound-email", "inbound-email",
      "com.commercive.support.inbound.InboundEmailHandler", 512, 60, "commercive-support-inbound-email",
      // One mail a call: a mail with files waits up to 20 s for their checks.
      List.of(EventSource.messagesOn(INBOUND_MAIL).withBatchSize(1)),
      join(TICKET_TABLES, SERVICE_LEVELS, REPLY_ADDRESSES, ATTACHMENT_FILES));
  public static final List<FunctionEntry> FUNCTIONS = List.of(API, AI_RESPONSE, STREAM_PROCESSOR, AI_WORKER, NOTIFIER,
      ATTACHMENT_CHECKER, ATTACHMENT_EXPIRER, WEB_SOCKET, LIVE_UPDATES, SWEEP, INBOUND_EMAIL);

  private Catalogue() {}

  /** The function that consumes {@code queue}'s messages, if one does. */
  public static Optional<FunctionEntry> consumerOf(QueueEntry queue) {
    return FUNCTIONS.stream()
        .filter(fn -> fn.eventSources().stream().anyMatch(
            source -> source instanceof EventSource.QueueMessages messages && messages.queue().equals(queue)))
        .findFirst();
  }

  /** The functions that read {@code table}'s stream. */
  public static List<FunctionEntry> streamReadersOf(TableEntry table) {
    return FUNCTIONS.stream()
        .filter(fn -> fn.eventSources().stream().anyMatch(
            source -> source instanceof EventSource.TableStream stream && stream.table().equals(table)))
        .toList();
  }

  @SafeVarargs
  private static List<String> join(List<String>... lists) {
    List<String> all = new ArrayList<>();
    for (List<String> list : lists) {
      all.addAll(list);
    }
    return all;
  }
}
