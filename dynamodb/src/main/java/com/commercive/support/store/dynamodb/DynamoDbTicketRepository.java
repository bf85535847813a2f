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
import com.commercive.support.resources.TableNames;
import com.commercive.support.store.Page;
import com.commercive.support.store.TicketRepository;
import com.commercive.support.util.Backoff;
import com.commercive.support.util.Retry;
import com.commercive.support.util.Timestamps;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Tickets and messages in DynamoDB. Each call is a constant number of requests: a post is one
 * transaction (the message, the ticket's new version, its files and its agent's count), retried
 * on conflict; the reads are {@link TicketQueries}'.
 */
public final class DynamoDbTicketRepository implements TicketRepository {
  private static final Backoff WRITE_BACKOFF = Backoff.of(5, 200);
  /** Concurrent posts to one ticket collide in DynamoDB transactions; they are retried. */
  static final int MAX_TRANSACTION_ATTEMPTS = 10;
  /** Reads and writes of one ticket before giving up when other writes keep landing first. */
  static final int MAX_VERSION_ATTEMPTS = 50;
  private static final Retry TICKET_WRITES = Retry.upTo(MAX_VERSION_ATTEMPTS, WRITE_BACKOFF, "a ticket write");
  private static final Retry TRANSACTIONS = Retry.upTo(MAX_TRANSACTION_ATTEMPTS, WRITE_BACKOFF, "a ticket write");
  private static final Retry NOTE_TRANSACTIONS = Retry.upTo(MAX_TRANSACTION_ATTEMPTS, WRITE_BACKOFF, "a note write");

  private final DynamoDbClient dynamoDb;
  private final String ticketsTable;
  private final String messagesTable;
  /** Where agents' counts of open tickets live (changed with the tickets that hold them). */
  private final String agentsTable;
  /** Where files sent with messages are marked attached. */
  private final String attachmentsTable;
  private final TicketQueries queries;

  /** Over every table a ticket's writes touch; each name must be known. */
  public DynamoDbTicketRepository(DynamoDbClient dynamoDb, TableNames tables) {
    this.dynamoDb = dynamoDb;
    this.ticketsTable = Objects.requireNonNull(tables.tickets(), "tickets table");
    this.messagesTable = Objects.requireNonNull(tables.messages(), "messages table");
    this.agentsTable = Objects.requireNonNull(tables.agents(), "agents table");
    this.attachmentsTable = Objects.requireNonNull(tables.attachments(), "attachments table");
    this.queries = new TicketQueries(dynamoDb, ticketsTable, messagesTable);
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
    // A first message's files (a ticket opened by mail) are attached in the same write.
    List<TransactWriteItem> items = new ArrayList<>(List.of(
        TransactWriteItem.builder().put(ticketPut).build(),
        TransactWriteItem.builder().put(messagePut(firstMessage)).build()));
    items.addAll(attachWrites(firstMessage));
    transact(items);
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
        if (Transactions.failedCondition(e, 0)) {
          throw NotFoundException.ticket();
        }
        if (Transactions.failedCondition(e, 1)) {
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
      if (message != null && Transactions.failedCondition(e, 0)) {
        throw new DuplicateMessageException(message.messageId());
      }
      if (Transactions.failedCondition(e, ticketIndex) || conflicted(e)) {
        return false;
      }
      if (message != null) {
        throwIfFilesUnavailable(e, message, filesIndex);
      }
      // The last item is the increment when the ticket starts holding an agent: no room left.
      if (next.holdsAnAgent() && Transactions.failedCondition(e, items.size() - 1)) {
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
      if (Transactions.failedCondition(e, firstIndex + i)) {
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
    return queries.listByUser(userId, status, limit, after);
  }

  @Override
  public Page<Ticket> listAll(TicketStatus status, Optional<String> assignee, int limit, String after) {
    return queries.listAll(status, assignee, limit, after);
  }

  @Override
  public Page<Message> listMessages(String ticketId, int limit, String after, boolean withNotes) {
    return queries.listMessages(ticketId, limit, after, withNotes);
  }

  @Override
  public List<Ticket> waiting(int limit) {
    return queries.waiting(limit);
  }

  @Override
  public List<Ticket> dueBy(java.time.Instant now, int limit) {
    return queries.dueBy(now, limit);
  }

  @Override
  public Optional<Message> findMessage(String messageId) {
    return queries.findMessage(messageId);
  }

  @Override
  public List<Message> recentMessages(String ticketId, int count) {
    return queries.recentMessages(ticketId, count);
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

}
