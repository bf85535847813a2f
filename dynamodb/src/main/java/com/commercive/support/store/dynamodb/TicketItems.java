package com.commercive.support.store.dynamodb;

import com.commercive.support.domain.Assignee;
import com.commercive.support.domain.LastMessage;
import com.commercive.support.domain.Priority;
import com.commercive.support.domain.PrioritySource;
import com.commercive.support.domain.SenderType;
import com.commercive.support.domain.Ticket;
import com.commercive.support.domain.TicketStatus;
import com.commercive.support.resources.SupportTables;
import com.commercive.support.util.Timestamps;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.TreeSet;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Maps tickets to and from items of the tickets table. */
public final class TicketItems {
  static final String TICKET_ID = SupportTables.TICKET_ID;
  static final String USER_ID = SupportTables.USER_ID;
  static final String SUBJECT = "subject";
  static final String STATUS = SupportTables.STATUS;
  static final String PRIORITY = "priority";
  static final String CREATED_AT = SupportTables.CREATED_AT;
  static final String UPDATED_AT = SupportTables.UPDATED_AT;
  static final String MESSAGE_COUNT = "message_count";
  static final String LAST_MESSAGE = "last_message";
  static final String PREVIEW = "preview";
  static final String SENDER_TYPE = "sender_type";
  static final String HUMAN_REPLIED = "human_replied";
  static final String AI_REPLIES = "ai_replies";
  static final String VERSION = "version";
  static final String PRIORITY_SOURCE = "priority_source";
  static final String PRIORITY_REASON = "priority_reason";
  static final String ASSIGNEE_ID = "assignee_id";
  static final String ASSIGNEE_NAME = "assignee_name";
  static final String ASSIGNEE_STATUS = SupportTables.ASSIGNEE_STATUS;
  /** Present, with {@link #WAITING_VALUE}, only while the ticket waits for an agent (a sparse index). */
  static final String WAITING = SupportTables.WAITING;
  static final String WAITING_VALUE = "waiting";
  static final String WAITING_SINCE = SupportTables.WAITING_SINCE;
  /** {@code user_id#status}: the key of the index behind a user's status-filtered list. */
  static final String USER_STATUS = SupportTables.USER_STATUS;

  private TicketItems() {}

  static String userStatus(String userId, TicketStatus status) {
    return userId + "#" + status.wireName();
  }

  /**
   * The assignee inbox's partition for tickets of {@code agentId} (null: unassigned) with
   * {@code status}; the prefixes keep "unassigned" apart from any agent id.
   */
  static String assigneeStatus(String agentId, TicketStatus status) {
    return (agentId == null ? "u" : "a:" + agentId) + "#" + status.wireName();
  }

  static String assigneeStatus(Ticket ticket) {
    return assigneeStatus(ticket.assignee() == null ? null : ticket.assignee().agentId(), ticket.status());
  }

  public static Map<String, AttributeValue> toItem(Ticket ticket) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(TICKET_ID, s(ticket.ticketId()));
    item.put(USER_ID, s(ticket.userId()));
    item.put(SUBJECT, s(ticket.subject()));
    item.put(STATUS, s(ticket.status().wireName()));
    item.put(USER_STATUS, s(userStatus(ticket.userId(), ticket.status())));
    item.put(ASSIGNEE_STATUS, s(assigneeStatus(ticket)));
    item.put(PRIORITY, s(ticket.priority().wireName()));
    item.put(CREATED_AT, s(Timestamps.format(ticket.createdAt())));
    item.put(UPDATED_AT, s(Timestamps.format(ticket.updatedAt())));
    item.put(MESSAGE_COUNT, AttributeValue.fromN(Long.toString(ticket.messageCount())));
    if (ticket.lastMessage() != null) {
      item.put(LAST_MESSAGE, lastMessage(ticket.lastMessage()));
    }
    item.put(HUMAN_REPLIED, AttributeValue.fromBool(ticket.humanReplied()));
    item.put(AI_REPLIES, AttributeValue.fromN(Integer.toString(ticket.aiReplies())));
    item.put(VERSION, AttributeValue.fromN(Long.toString(ticket.version())));
    item.put(PRIORITY_SOURCE, s(ticket.prioritySource().wireName()));
    if (ticket.priorityReason() != null) {
      item.put(PRIORITY_REASON, s(ticket.priorityReason()));
    }
    if (ticket.waitingSince() != null) {
      item.put(WAITING, s(WAITING_VALUE));
      item.put(WAITING_SINCE, s(Timestamps.format(ticket.waitingSince())));
    }
    if (ticket.assignee() != null) {
      item.put(ASSIGNEE_ID, s(ticket.assignee().agentId()));
      if (ticket.assignee().name() != null) {
        item.put(ASSIGNEE_NAME, s(ticket.assignee().name()));
      }
    }
    ServiceQualityItems.put(ticket, item);
    return item;
  }

  /** An update expression with its attribute names ({@code #a<i>}) and values ({@code :a<i>}). */
  record Changes(String expression, Map<String, String> names, Map<String, AttributeValue> values) {}

  /**
   * What turns the stored item of {@code current} into {@code next}'s, derived from
   * {@link #toItem}: every attribute of {@code next} but the key set, and the attributes only
   * {@code current} has removed. So a new attribute is added in the mapper alone.
   */
  static Changes changes(Ticket current, Ticket next) {
    Map<String, AttributeValue> after = toItem(next);
    Map<String, String> names = new HashMap<>();
    Map<String, AttributeValue> values = new HashMap<>();
    List<String> set = new ArrayList<>();
    for (String attribute : new TreeSet<>(after.keySet())) {
      if (attribute.equals(TICKET_ID)) {
        continue;
      }
      String alias = "a" + names.size();
      names.put("#" + alias, attribute);
      values.put(":" + alias, after.get(attribute));
      set.add("#" + alias + " = :" + alias);
    }
    List<String> removed = new ArrayList<>();
    for (String attribute : new TreeSet<>(toItem(current).keySet())) {
      if (!after.containsKey(attribute)) {
        String alias = "#a" + names.size();
        names.put(alias, attribute);
        removed.add(alias);
      }
    }
    String expression = "SET " + String.join(", ", set)
        + (removed.isEmpty() ? "" : " REMOVE " + String.join(", ", removed));
    return new Changes(expression, names, values);
  }

  static AttributeValue lastMessage(LastMessage last) {
    return AttributeValue.fromM(
        Map.of(
            PREVIEW, s(last.preview()),
            SENDER_TYPE, s(last.senderType().wireName()),
            CREATED_AT, s(Timestamps.format(last.createdAt()))));
  }

  public static Ticket fromItem(Map<String, AttributeValue> item) {
    LastMessage last = null;
    AttributeValue lastValue = item.get(LAST_MESSAGE);
    if (lastValue != null && lastValue.hasM()) {
      Map<String, AttributeValue> m = lastValue.m();
      last =
          new LastMessage(
              m.get(PREVIEW).s(),
              SenderType.fromWire(m.get(SENDER_TYPE).s()),
              Timestamps.parse(m.get(CREATED_AT).s()));
    }
    AttributeValue count = item.get(MESSAGE_COUNT);
    AttributeValue human = item.get(HUMAN_REPLIED);
    AttributeValue aiReplies = item.get(AI_REPLIES);
    AttributeValue version = item.get(VERSION);
    return new Ticket(
        item.get(TICKET_ID).s(),
        item.get(USER_ID).s(),
        item.get(SUBJECT).s(),
        TicketStatus.fromWire(item.get(STATUS).s())
            .orElseThrow(() -> new IllegalStateException("unknown stored ticket status")),
        Priority.fromWireOrMedium(item.containsKey(PRIORITY) ? item.get(PRIORITY).s() : null),
        Timestamps.parse(item.get(CREATED_AT).s()),
        Timestamps.parse(item.get(UPDATED_AT).s()),
        count == null ? 0 : Long.parseLong(count.n()),
        last,
        human != null && Boolean.TRUE.equals(human.bool()),
        aiReplies == null ? 0 : Integer.parseInt(aiReplies.n()),
        version == null ? 0 : Long.parseLong(version.n()),
        // Tickets stored before Part 2 have no source: the merchant set their priority.
        PrioritySource.fromWire(text(item, PRIORITY_SOURCE)).orElse(PrioritySource.USER),
        text(item, PRIORITY_REASON),
        item.containsKey(ASSIGNEE_ID) ? new Assignee(item.get(ASSIGNEE_ID).s(), text(item, ASSIGNEE_NAME)) : null,
        item.containsKey(WAITING_SINCE) ? Timestamps.parse(item.get(WAITING_SINCE).s()) : null,
        ServiceQualityItems.sla(item),
        ServiceQualityItems.resolvedBy(item),
        ServiceQualityItems.satisfaction(item));
  }

  private static String text(Map<String, AttributeValue> item, String attribute) {
    AttributeValue value = item.get(attribute);
    return value == null ? null : value.s();
  }

  static Map<String, AttributeValue> key(String ticketId) {
    return Map.of(TICKET_ID, s(ticketId));
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }
}
