package com.commercive.support.store.dynamodb;

import com.commercive.support.domain.Message;
import com.commercive.support.domain.SenderType;
import com.commercive.support.resources.SupportTables;
import com.commercive.support.util.Timestamps;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Maps messages to and from items of the messages table (the seed's attribute names). */
public final class MessageItems {
  static final String MESSAGE_ID = SupportTables.MESSAGE_ID;
  static final String TICKET_ID = SupportTables.TICKET_ID;
  static final String SENDER_ID = "sender_id";
  static final String SENDER_TYPE = "sender_type";
  static final String MESSAGE = "message";
  static final String ATTACHMENT_URL = "attachment_url";
  static final String IS_AI_RESPONSE = "is_ai_response";
  static final String CREATED_AT = SupportTables.CREATED_AT;
  static final String HANDOFF = "handoff";
  static final String SHOWN_IN_APP = "shown_in_app";
  static final String CLOSES_TICKET = "closes_ticket";
  /** Present (true) only on internal notes, so that the owner's queries filter on its absence. */
  static final String INTERNAL = "internal";

  private MessageItems() {}

  public static Map<String, AttributeValue> toItem(Message message) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(MESSAGE_ID, AttributeValue.fromS(message.messageId()));
    item.put(TICKET_ID, AttributeValue.fromS(message.ticketId()));
    item.put(SENDER_ID, AttributeValue.fromS(message.senderId()));
    item.put(SENDER_TYPE, AttributeValue.fromS(message.senderType().wireName()));
    item.put(MESSAGE, AttributeValue.fromS(message.text()));
    if (message.attachmentUrl() != null) {
      item.put(ATTACHMENT_URL, AttributeValue.fromS(message.attachmentUrl()));
    }
    item.put(IS_AI_RESPONSE, AttributeValue.fromBool(message.aiResponse()));
    item.put(CREATED_AT, AttributeValue.fromS(Timestamps.format(message.createdAt())));
    if (message.handoff()) {
      item.put(HANDOFF, AttributeValue.fromBool(true));
    }
    if (message.shownInApp()) {
      item.put(SHOWN_IN_APP, AttributeValue.fromBool(true));
    }
    if (message.closesTicket()) {
      item.put(CLOSES_TICKET, AttributeValue.fromBool(true));
    }
    if (message.internal()) {
      item.put(INTERNAL, AttributeValue.fromBool(true));
    }
    if (!message.attachments().isEmpty()) {
      item.put(AttachmentItems.MESSAGE_ATTACHMENTS, AttachmentItems.files(message.attachments()));
    }
    return item;
  }

  public static Message fromItem(Map<String, AttributeValue> item) {
    AttributeValue attachment = item.get(ATTACHMENT_URL);
    return new Message(
        item.get(MESSAGE_ID).s(),
        item.get(TICKET_ID).s(),
        item.get(SENDER_ID).s(),
        SenderType.fromWire(item.get(SENDER_TYPE).s()),
        item.get(MESSAGE).s(),
        attachment == null || attachment.s() == null ? null : attachment.s(),
        Timestamps.parse(item.get(CREATED_AT).s()),
        flag(item, HANDOFF),
        flag(item, SHOWN_IN_APP),
        flag(item, CLOSES_TICKET),
        flag(item, INTERNAL),
        AttachmentItems.files(item.get(AttachmentItems.MESSAGE_ATTACHMENTS)));
  }

  private static boolean flag(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value != null && Boolean.TRUE.equals(value.bool());
  }
}
