package com.commercive.support.store.dynamodb;

import com.commercive.support.domain.Message;
import com.commercive.support.domain.Ticket;
import com.commercive.support.domain.TicketStatus;
import com.commercive.support.resources.SupportTables;
import com.commercive.support.store.Page;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The reads of tickets and their threads: a merchant's list, the team's inbox (merged over its
 * status partitions), a ticket's messages and the waiting tickets. Each is one Query a page, more
 * only when a page exceeds DynamoDB's 1 MB response.
 */
final class TicketQueries {
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

  TicketQueries(DynamoDbClient dynamoDb, String ticketsTable, String messagesTable) {
    this.dynamoDb = dynamoDb;
    this.ticketsTable = ticketsTable;
    this.messagesTable = messagesTable;
  }

  Page<Ticket> listByUser(String userId, TicketStatus status, int limit, String after) {
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

  Page<Ticket> listAll(TicketStatus status, Optional<String> assignee, int limit, String after) {
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

  Page<Message> listMessages(String ticketId, int limit, String after, boolean withNotes) {
    QueryRequest.Builder query = threadQuery(ticketId, withNotes).scanIndexForward(true);
    if (after != null) {
      query.exclusiveStartKey(
          PageTokens.startKey(
              PageTokens.read(after), MESSAGES_INDEX_KEY, Map.of(MessageItems.TICKET_ID, ticketId)));
    }
    return page(query.build(), limit, MESSAGES_INDEX_KEY, MessageItems::fromItem);
  }

  List<Ticket> waiting(int limit) {
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

  List<Ticket> dueBy(java.time.Instant now, int limit) {
    List<Ticket> due = new java.util.ArrayList<>();
    for (int shard = 0; shard < SupportTables.DUE_SHARDS; shard++) {
      QueryRequest query = QueryRequest.builder()
          .tableName(ticketsTable)
          .indexName(SupportTables.SLA_DUE_INDEX)
          .scanIndexForward(true)
          .keyConditionExpression("#shard = :shard AND #due <= :now")
          .expressionAttributeNames(Map.of("#shard", SupportTables.DUE_SHARD, "#due", SupportTables.NEXT_DUE_AT))
          .expressionAttributeValues(Map.of(":shard", AttributeValue.fromS(ServiceQualityItems.dueShard(shard)),
              ":now", AttributeValue.fromS(com.commercive.support.util.Timestamps.format(now))))
          .build();
      fetch(query, limit).stream().map(TicketItems::fromItem).forEach(due::add);
    }
    return due;
  }

  Optional<Message> findMessage(String messageId) {
    Map<String, AttributeValue> item =
        dynamoDb
            .getItem(r -> r.tableName(messagesTable)
                .key(Map.of(MessageItems.MESSAGE_ID, AttributeValue.fromS(messageId)))
                .consistentRead(true))
            .item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(MessageItems.fromItem(item));
  }

  List<Message> recentMessages(String ticketId, int count) {
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
}
