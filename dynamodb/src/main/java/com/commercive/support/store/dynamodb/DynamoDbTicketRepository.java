package com.commercive.support.store.dynamodb;

import com.commercive.support.domain.AgentAtCapacityException;
import com.commercive.support.domain.AttachmentUnavailableException;
import com.commercive.support.domain.ConflictException;
import com.commercive.support.domain.DuplicateMessageException;
import com.commercive.support.domain.FieldError;
import com.commercive.support.domain.Message;
import com.commercive.support.domain.NotFoundException;
import com.commercive.support.domain.Ticket;
import com.commercive.support.domain.TicketChange;
import com.commercive.support.domain.TicketStatus;
import com.commercive.support.resources.SupportTables;
import com.commercive.support.resources.TableNames;
import com.commercive.support.store.Page;
import com.commercive.support.store.TicketRepository;
import com.commercive.support.util.Backoff;
import com.commercive.support.util.Retry;
import com.commercive.support.util.Timestamps;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Tickets and messages in DynamoDB. Each call is a constant number of requests: a page is one
 * Query (more only when a page exceeds DynamoDB's 1 MB response), a post is one transaction.
 */
public final class DynamoDbTicketRepository implements TicketRepository {
  // Longer than most: one adapter for the two tables a ticket lives in (a ticket and its message
  // are written in one transaction and read together); the length is its queries' (full pages
  // under filters, the merged inbox, transactions retried on conflict).
  private static final Backoff WRITE_BACKOFF = Backoff.of(5, 200);
  /** Concurrent posts to one ticket collide in DynamoDB transactions; they are retried. */
  static final int MAX_TRANSACTION_ATTEMPTS = 10;
  /** Reads and writes of one ticket before giving up when other writes keep landing first. */
  static final int MAX_VERSION_ATTEMPTS = 50;
  private static final Retry TICKET_WRITES = Retry.upTo(MAX_VERSION_ATTEMPTS, WRITE_BACKOFF, "a ticket write");
  private static final Retry TRANSACTIONS = Retry.upTo(MAX_TRANSACTION_ATTEMPTS, WRITE_BACKOFF, "a ticket write");
  private static final Retry NOTE_TRANSACTIONS = Retry.upTo(MAX_TRANSACTION_ATTEMPTS, WRITE_BACKOFF, "a note write");

  private static final List<String> USER_INDEX_KEY =
      List.of(TicketItems.TICKET_ID, TicketItems.USER_ID, TicketItems.CREATED_AT);
  private static final List<String> USER_STATUS_INDEX_KEY =
      List.of(TicketItems.TICKET_ID, TicketItems.USER_STATUS, TicketItems.CREATED_AT);
  private static final List<String> INBOX_INDEX_KEY =
      List.of(TicketItems.TICKET_ID, TicketItems.STATUS, TicketItems.UPDATED_AT);
  private static final List<String> ASSIGNEE_INBOX_INDEX_KEY =
      List.of(TicketItems.TICKET_ID, TicketItems.ASSIGNEE_STATUS, TicketItems.UPDATED_AT);

  /**
   * An inbox index: tickets partitioned by a value that includes their status, sorted by their
   * last update. The whole inbox is one partition per status, merged.
   */
  private record Inbox(String index, List<String> keyNames, String partitionAttribute,
      java.util.function.Function<TicketStatus, String> partition) {}
  private static final List<String> MESSAGES_INDEX_KEY =
      List.of(MessageItems.MESSAGE_ID, MessageItems.TICKET_ID, MessageItems.CREATED_AT);

  private final DynamoDbClient dynamoDb;
  private final String ticketsTable;
  private final String messagesTable;
  /** Where agents' counts of open tickets live (changed with the tickets that hold them). */
  private final String agentsTable;
  /** Where files sent with messages are marked attached. */
  private final String attachmentsTable;

  /** Over every table a ticket's writes touch; each name must be known. */
  public DynamoDbTicketRepository(DynamoDbClient dynamoDb, TableNames tables) {
    this.dynamoDb = dynamoDb;
    this.ticketsTable = Objects.requireNonNull(tables.tickets(), "tickets table");
    this.messagesTable = Objects.requireNonNull(tables.messages(), "messages table");
    this.agentsTable = Objects.requireNonNull(tables.agents(), "agents table");
    this.attachmentsTable = Objects.requireNonNull(tables.attachments(), "attachments table");
  }

  @Override
  public void create(Ticket ticket, Message firstMessage) {
    Put ticketPut =
        Put.builder()
            .tableName(ticketsTable)
            .item(TicketItems.toItem(ticket))
            .conditionExpression("attribute_not_exists(" + TicketItems.TICKET_ID + ")")
            .build();
    if (firstMessage == null) {
      dynamoDb.putItem(
          r ->
              r.tableName(ticketsTable)
                  .item(ticketPut.item())
                  .conditionExpression(ticketPut.conditionExpression()));
      return;
    }
    transact(
        List.of(
            TransactWriteItem.builder().put(ticketPut).build(),
            TransactWriteItem.builder().put(messagePut(firstMessage)).build()));
  }

  @Override
  public Optional<Ticket> find(String ticketId) {
    Map<String, AttributeValue> item =
        dynamoDb
            .getItem(r -> r.tableName(ticketsTable).key(TicketItems.key(ticketId)).consistentRead(true))
            .item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(TicketItems.fromItem(item));
  }

  @Override
  public Optional<Applied> update(String ticketId, Function<Ticket, Optional<TicketChange>> change) {
    return TICKET_WRITES.run(() -> {
      Ticket current = find(ticketId).orElseThrow(NotFoundException::ticket);
      Optional<TicketChange> derived = change.apply(current);
      if (derived.isEmpty()) {
        return Retry.done(Optional.empty());
      }
      Ticket next = current.with(derived.get());
      if (write(current, next, derived.get().message())) {
        return Retry.done(Optional.of(new Applied(next, derived.get())));
      }
      return Retry.again();
    }, () -> new ConflictException("the ticket is changing too fast; retry shortly"));
  }

  @Override
  public void addNote(Message note) {
    // The ticket must exist; it is not written (a note changes nothing its owner sees).
    ConditionCheck ticketExists = ConditionCheck.builder().tableName(ticketsTable)
        .key(TicketItems.key(note.ticketId()))
        .conditionExpression("attribute_exists(" + TicketItems.TICKET_ID + ")").build();
    List<TransactWriteItem> items = new ArrayList<>(List.of(
        TransactWriteItem.builder().conditionCheck(ticketExists).build(),
        TransactWriteItem.builder().put(messagePut(note)).build()));
    items.addAll(attachWrites(note));
    NOTE_TRANSACTIONS.run(() -> {
      try {
        dynamoDb.transactWriteItems(r -> r.transactItems(items));
        return Retry.done(null);
      } catch (TransactionCanceledException e) {
        if (failedCondition(e, 0)) {
          throw NotFoundException.ticket();
        }
        if (failedCondition(e, 1)) {
          throw new DuplicateMessageException(note.messageId());
        }
        throwIfFilesUnavailable(e, note, 2);
        if (!conflicted(e)) {
          throw e;
        }
        return Retry.again(e);
      }
    });
  }

  /**
   * Writes {@code next} over {@code current}, with the message when there is one, on the
   * condition that the stored ticket is still {@code current}'s version.
   *
   * @return false when another write got there first
   */
  private boolean write(Ticket current, Ticket next, Message message) {
    TicketItems.Changes changes = TicketItems.changes(current, next);
    Map<String, String> names = new HashMap<>(changes.names());
    Map<String, AttributeValue> values = new HashMap<>(changes.values());
    names.put("#version", TicketItems.VERSION);
    // Tickets stored before versions existed have none: they are version 0.
    String condition = "attribute_exists(" + TicketItems.TICKET_ID + ") AND ";
    condition += current.version() == 0 ? "(attribute_not_exists(#version) OR #version = :current)" : "#version = :current";
    values.put(":current", AttributeValue.fromN(Long.toString(current.version())));
    Update update = Update.builder()
        .tableName(ticketsTable)
        .key(TicketItems.key(current.ticketId()))
        .updateExpression(changes.expression())
        .conditionExpression(condition)
        .expressionAttributeNames(names)
        .expressionAttributeValues(values)
        .build();
    List<TransactWriteItem> items = new ArrayList<>();
    if (message != null) {
      items.add(TransactWriteItem.builder().put(messagePut(message)).build());
    }
    int ticketIndex = items.size();
    items.add(TransactWriteItem.builder().update(update).build());
    int filesIndex = items.size();
    items.addAll(attachWrites(message));
    items.addAll(agentCounts(current, next));
    if (items.size() == 1) {
      try {
        dynamoDb.updateItem(r -> r.tableName(update.tableName()).key(update.key())
            .updateExpression(update.updateExpression()).conditionExpression(update.conditionExpression())
            .expressionAttributeNames(update.expressionAttributeNames())
            .expressionAttributeValues(update.expressionAttributeValues()));
        return true;
      } catch (ConditionalCheckFailedException stale) {
        return false;
      }
    }
    try {
      dynamoDb.transactWriteItems(r -> r.transactItems(items));
      return true;
    } catch (TransactionCanceledException e) {
      if (message != null && failedCondition(e, 0)) {
        throw new DuplicateMessageException(message.messageId());
      }
      if (failedCondition(e, ticketIndex) || conflicted(e)) {
        return false;
      }
      if (message != null) {
        throwIfFilesUnavailable(e, message, filesIndex);
      }
      // The last item is the increment when the ticket starts holding an agent: no room left.
      if (next.holdsAnAgent() && failedCondition(e, items.size() - 1)) {
        throw new AgentAtCapacityException(next.assignee().agentId());
      }
      throw e;
    }
  }

  /** The writes attaching {@code message}'s files (none without a message or files). */
  private List<TransactWriteItem> attachWrites(Message message) {
    if (message == null || message.attachments().isEmpty()) {
      return List.of();
    }
    return AttachmentItems.attachWrites(attachmentsTable, message);
  }

  /** A file's condition failed (attached meanwhile, or gone): the message is refused, naming it. */
  private static void throwIfFilesUnavailable(TransactionCanceledException e, Message message, int firstIndex) {
    List<FieldError> unavailable = new ArrayList<>();
    for (int i = 0; i < message.attachments().size(); i++) {
      if (failedCondition(e, firstIndex + i)) {
        unavailable.add(new FieldError("attachment_ids[" + i + "]",
            "attachment " + message.attachments().get(i).attachmentId() + " is no longer available"));
      }
    }
    if (!unavailable.isEmpty()) {
      throw new AttachmentUnavailableException(unavailable);
    }
  }

  /**
   * The changes to agents' counts of open tickets that {@code current} becoming {@code next} makes:
   * one less for the agent it stops holding (closed, unassigned or reassigned), one more for the
   * agent it starts holding, on the condition that they have room. Empty when neither changes.
   */
  private List<TransactWriteItem> agentCounts(Ticket current, Ticket next) {
    String before = current.holdsAnAgent() ? current.assignee().agentId() : null;
    String after = next.holdsAnAgent() ? next.assignee().agentId() : null;
    if (Objects.equals(before, after)) {
      return List.of();
    }
    List<TransactWriteItem> counts = new ArrayList<>();
    if (before != null) {
      counts.add(TransactWriteItem.builder().update(Update.builder().tableName(agentsTable)
          .key(Map.of(DynamoDbAgentRoster.AGENT_ID, AttributeValue.fromS(before)))
          .updateExpression("SET #open = #open - :one")
          .conditionExpression("attribute_exists(#open) AND #open > :zero")
          .expressionAttributeNames(Map.of("#open", DynamoDbAgentRoster.OPEN_ASSIGNED))
          .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"), ":zero", AttributeValue.fromN("0")))
          .build()).build());
    }
    if (after != null) {
      boolean newlyAssigned = current.assignee() == null || !after.equals(current.assignee().agentId());
      Map<String, AttributeValue> values = new HashMap<>(Map.of(":one", AttributeValue.fromN("1")));
      String set = "SET #open = #open + :one";
      Map<String, String> names = new HashMap<>(Map.of("#open", DynamoDbAgentRoster.OPEN_ASSIGNED,
          "#max", DynamoDbAgentRoster.MAX_OPEN));
      if (newlyAssigned) {
        set += ", #last = :at";
        names.put("#last", DynamoDbAgentRoster.LAST_ASSIGNED_AT);
        values.put(":at", AttributeValue.fromS(Timestamps.format(next.updatedAt())));
      }
      counts.add(TransactWriteItem.builder().update(Update.builder().tableName(agentsTable)
          .key(Map.of(DynamoDbAgentRoster.AGENT_ID, AttributeValue.fromS(after)))
          .updateExpression(set)
          .conditionExpression("#open < #max")
          .expressionAttributeNames(names).expressionAttributeValues(values).build()).build());
    }
    return counts;
  }

  @Override
  public Page<Ticket> listByUser(String userId, TicketStatus status, int limit, String after) {
    QueryRequest.Builder query =
        QueryRequest.builder().tableName(ticketsTable).scanIndexForward(false);
    List<String> keyNames;
    if (status == null) {
      keyNames = USER_INDEX_KEY;
      query
          .indexName(SupportTables.USER_TICKETS_INDEX)
          .keyConditionExpression(TicketItems.USER_ID + " = :pk")
          .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(userId)));
      if (after != null) {
        query.exclusiveStartKey(
            PageTokens.startKey(
                PageTokens.read(after), keyNames, Map.of(TicketItems.USER_ID, userId)));
      }
    } else {
      keyNames = USER_STATUS_INDEX_KEY;
      String partition = TicketItems.userStatus(userId, status);
      query
          .indexName(SupportTables.USER_STATUS_TICKETS_INDEX)
          .keyConditionExpression(TicketItems.USER_STATUS + " = :pk")
          .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(partition)));
      if (after != null) {
        query.exclusiveStartKey(
            PageTokens.startKey(
                PageTokens.read(after), keyNames, Map.of(TicketItems.USER_STATUS, partition)));
      }
    }
    return page(query.build(), limit, keyNames, TicketItems::fromItem);
  }

  @Override
  public Page<Ticket> listAll(TicketStatus status, Optional<String> assignee, int limit, String after) {
    Inbox inbox = assignee == null
        ? new Inbox(SupportTables.INBOX_INDEX, INBOX_INDEX_KEY, TicketItems.STATUS, TicketStatus::wireName)
        : new Inbox(SupportTables.ASSIGNEE_INBOX_INDEX, ASSIGNEE_INBOX_INDEX_KEY, TicketItems.ASSIGNEE_STATUS,
            s -> TicketItems.assigneeStatus(assignee.orElse(null), s));
    if (status != null) {
      Map<String, AttributeValue> start = null;
      if (after != null) {
        start = PageTokens.startKey(PageTokens.read(after), inbox.keyNames(),
            Map.of(inbox.partitionAttribute(), inbox.partition().apply(status)));
      }
      return page(inboxQuery(inbox, status, start), limit, inbox.keyNames(), TicketItems::fromItem);
    }
    return mergedInbox(inbox, limit, after);
  }

  /**
   * Every ticket by most recent update: the inbox index is partitioned by status, so each page
   * merges one query per status (three at most), and the token keeps a position per status.
   */
  private Page<Ticket> mergedInbox(Inbox inbox, int limit, String after) {
    Map<String, Object> positions = after == null ? Map.of() : PageTokens.read(after);
    if (after != null) {
      for (String name : positions.keySet()) {
        if (TicketStatus.fromWire(name).isEmpty()) {
          throw PageTokens.invalid();
        }
      }
    }
    record Candidate(TicketStatus status, Map<String, AttributeValue> item) {}
    List<Candidate> candidates = new ArrayList<>();
    Map<TicketStatus, Boolean> moreBeyondFetched = new HashMap<>();
    for (TicketStatus status : TicketStatus.values()) {
      Object position = positions.get(status.wireName());
      if (PageTokens.DONE.equals(position)) {
        continue;
      }
      Map<String, AttributeValue> start =
          position == null
              ? null
              : PageTokens.startKey(
                  position, inbox.keyNames(), Map.of(inbox.partitionAttribute(), inbox.partition().apply(status)));
      List<Map<String, AttributeValue>> items = fetch(inboxQuery(inbox, status, start), limit + 1);
      moreBeyondFetched.put(status, items.size() > limit);
      for (Map<String, AttributeValue> item : items) {
        candidates.add(new Candidate(status, item));
      }
    }
    candidates.sort(
        Comparator.<Candidate, String>comparing(c -> c.item().get(TicketItems.UPDATED_AT).s())
            .thenComparing(c -> c.item().get(TicketItems.TICKET_ID).s())
            .reversed());
    List<Candidate> taken = candidates.subList(0, Math.min(limit, candidates.size()));
    Set<Candidate> takenSet = Collections.newSetFromMap(new IdentityHashMap<>());
    takenSet.addAll(taken);

    Map<String, Object> next = new LinkedHashMap<>();
    boolean more = false;
    for (TicketStatus status : TicketStatus.values()) {
      String name = status.wireName();
      if (!moreBeyondFetched.containsKey(status)) {
        next.put(name, PageTokens.DONE);
        continue;
      }
      Candidate lastTaken = null;
      int left = 0;
      for (Candidate c : candidates) {
        if (c.status() == status) {
          if (takenSet.contains(c)) {
            lastTaken = c;
          } else {
            left++;
          }
        }
      }
      if (left == 0 && !moreBeyondFetched.get(status)) {
        next.put(name, PageTokens.DONE);
        continue;
      }
      more = true;
      if (lastTaken != null) {
        next.put(name, PageTokens.keyOf(lastTaken.item(), inbox.keyNames()));
      } else if (positions.get(name) != null) {
        next.put(name, positions.get(name));
      }
    }
    List<Ticket> tickets = taken.stream().map(c -> TicketItems.fromItem(c.item())).toList();
    return new Page<>(tickets, more ? PageTokens.write(next) : null);
  }

  private QueryRequest inboxQuery(Inbox inbox, TicketStatus status, Map<String, AttributeValue> start) {
    return QueryRequest.builder()
        .tableName(ticketsTable)
        .indexName(inbox.index())
        .scanIndexForward(false)
        .keyConditionExpression("#pk = :pk")
        .expressionAttributeNames(Map.of("#pk", inbox.partitionAttribute()))
        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(inbox.partition().apply(status))))
        .exclusiveStartKey(start)
        .build();
  }

  @Override
  public Page<Message> listMessages(String ticketId, int limit, String after, boolean withNotes) {
    QueryRequest.Builder query = threadQuery(ticketId, withNotes).scanIndexForward(true);
    if (after != null) {
      query.exclusiveStartKey(
          PageTokens.startKey(
              PageTokens.read(after), MESSAGES_INDEX_KEY, Map.of(MessageItems.TICKET_ID, ticketId)));
    }
    return page(query.build(), limit, MESSAGES_INDEX_KEY, MessageItems::fromItem);
  }

  @Override
  public List<Ticket> waiting(int limit) {
    QueryRequest query = QueryRequest.builder()
        .tableName(ticketsTable)
        .indexName(SupportTables.WAITING_INDEX)
        .scanIndexForward(true)
        .keyConditionExpression("#waiting = :waiting")
        .expressionAttributeNames(Map.of("#waiting", TicketItems.WAITING))
        .expressionAttributeValues(Map.of(":waiting", AttributeValue.fromS(TicketItems.WAITING_VALUE)))
        .build();
    return fetch(query, limit).stream().map(TicketItems::fromItem).toList();
  }

  @Override
  public Optional<Message> findMessage(String messageId) {
    Map<String, AttributeValue> item =
        dynamoDb
            .getItem(r -> r.tableName(messagesTable)
                .key(Map.of(MessageItems.MESSAGE_ID, AttributeValue.fromS(messageId)))
                .consistentRead(true))
            .item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(MessageItems.fromItem(item));
  }

  @Override
  public List<Message> recentMessages(String ticketId, int count) {
    QueryRequest query = threadQuery(ticketId, false).scanIndexForward(false).build();
    List<Message> newestFirst = fetch(query, count).stream().map(MessageItems::fromItem).toList();
    List<Message> oldestFirst = new ArrayList<>(newestFirst);
    Collections.reverse(oldestFirst);
    return oldestFirst;
  }

  /**
   * A ticket's messages in time order; without notes, a filter leaves them out (the query goes on
   * until the page is full, so a page of a thread with notes costs a little more, never less).
   */
  private QueryRequest.Builder threadQuery(String ticketId, boolean withNotes) {
    QueryRequest.Builder query = QueryRequest.builder()
        .tableName(messagesTable)
        .indexName(SupportTables.TICKET_MESSAGES_INDEX)
        .keyConditionExpression(MessageItems.TICKET_ID + " = :pk");
    if (withNotes) {
      return query.expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(ticketId)));
    }
    return query.filterExpression("attribute_not_exists(#internal)")
        .expressionAttributeNames(Map.of("#internal", MessageItems.INTERNAL))
        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(ticketId)));
  }

  /**
   * One page of {@code limit} items. Asks for one item more than the page, so that the last page
   * is known to be the last (its token is null) without a further, empty request.
   */
  private <T> Page<T> page(
      QueryRequest query,
      int limit,
      List<String> keyNames,
      Function<Map<String, AttributeValue>, T> mapper) {
    List<Map<String, AttributeValue>> items = fetch(query, limit + 1);
    String next = null;
    if (items.size() > limit) {
      items = items.subList(0, limit);
      next = PageTokens.write(PageTokens.keyOf(items.get(limit - 1), keyNames));
    }
    return new Page<>(items.stream().map(mapper).toList(), next);
  }

  /** Up to {@code wanted} items; continues only when DynamoDB stopped at its 1 MB response cap. */
  private List<Map<String, AttributeValue>> fetch(QueryRequest query, int wanted) {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    QueryRequest request = query;
    while (true) {
      QueryResponse response = dynamoDb.query(request.toBuilder().limit(wanted - items.size()).build());
      items.addAll(response.items());
      if (items.size() >= wanted || !response.hasLastEvaluatedKey()
          || response.lastEvaluatedKey().isEmpty()) {
        return items;
      }
      request = request.toBuilder().exclusiveStartKey(response.lastEvaluatedKey()).build();
    }
  }


  private Put messagePut(Message message) {
    return Put.builder()
        .tableName(messagesTable)
        .item(MessageItems.toItem(message))
        .conditionExpression("attribute_not_exists(" + MessageItems.MESSAGE_ID + ")")
        .build();
  }

  /** Runs a transaction, retrying with jittered backoff while it collides with another one. */
  private void transact(List<TransactWriteItem> items) {
    TRANSACTIONS.run(() -> {
      try {
        dynamoDb.transactWriteItems(r -> r.transactItems(items));
        return Retry.done(null);
      } catch (TransactionCanceledException e) {
        if (!conflicted(e)) {
          throw e;
        }
        return Retry.again(e);
      }
    });
  }

  private static boolean conflicted(TransactionCanceledException e) {
    return e.hasCancellationReasons()
        && e.cancellationReasons().stream()
            .map(CancellationReason::code)
            .anyMatch("TransactionConflict"::equals);
  }

  private static boolean failedCondition(TransactionCanceledException e, int index) {
    return e.hasCancellationReasons()
        && e.cancellationReasons().size() > index
        && "ConditionalCheckFailed".equals(e.cancellationReasons().get(index).code());
  }
}
