package com.commercive.support.store.dynamodb;

import com.commercive.support.domain.AttachedFile;
import com.commercive.support.domain.Attachment;
import com.commercive.support.domain.Message;
import com.commercive.support.resources.SupportTables;
import com.commercive.support.service.AttachmentService;
import com.commercive.support.util.Timestamps;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/** Maps attachments to and from items of the attachments table, and a message's files to its item. */
public final class AttachmentItems {
  static final String ATTACHMENT_ID = SupportTables.ATTACHMENT_ID;
  static final String TICKET_ID = SupportTables.TICKET_ID;
  static final String UPLOADER_ID = "uploader_id";
  static final String FILENAME = "filename";
  static final String CONTENT_TYPE = "content_type";
  static final String SIZE = "size";
  static final String STATUS = SupportTables.STATUS;
  static final String REJECTION_REASON = "rejection_reason";
  static final String CREATED_AT = SupportTables.CREATED_AT;
  static final String MESSAGE_ID = SupportTables.MESSAGE_ID;
  /** Set until the file is on a message: DynamoDB then deletes the record, and the stream its file. */
  static final String EXPIRES_AT = SupportTables.EXPIRES_AT;
  /** On a message item: the files sent with it. */
  static final String MESSAGE_ATTACHMENTS = "attachments";

  private AttachmentItems() {}

  static Map<String, AttributeValue> key(String attachmentId) {
    return Map.of(ATTACHMENT_ID, AttributeValue.fromS(attachmentId));
  }

  public static Map<String, AttributeValue> toItem(Attachment attachment) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(ATTACHMENT_ID, AttributeValue.fromS(attachment.attachmentId()));
    item.put(TICKET_ID, AttributeValue.fromS(attachment.ticketId()));
    item.put(UPLOADER_ID, AttributeValue.fromS(attachment.uploaderId()));
    item.put(FILENAME, AttributeValue.fromS(attachment.filename()));
    item.put(CONTENT_TYPE, AttributeValue.fromS(attachment.contentType()));
    item.put(SIZE, AttributeValue.fromN(Long.toString(attachment.size())));
    item.put(STATUS, AttributeValue.fromS(attachment.status().wireName()));
    if (attachment.rejection() != null) {
      item.put(REJECTION_REASON, AttributeValue.fromS(attachment.rejection().wireName()));
    }
    item.put(CREATED_AT, AttributeValue.fromS(Timestamps.format(attachment.createdAt())));
    if (attachment.messageId() != null) {
      item.put(MESSAGE_ID, AttributeValue.fromS(attachment.messageId()));
    } else {
      long expiry = attachment.createdAt().plus(AttachmentService.UNATTACHED_LIFETIME).getEpochSecond();
      item.put(EXPIRES_AT, AttributeValue.fromN(Long.toString(expiry)));
    }
    return item;
  }

  public static Attachment fromItem(Map<String, AttributeValue> item) {
    AttributeValue rejection = item.get(REJECTION_REASON);
    AttributeValue messageId = item.get(MESSAGE_ID);
    return new Attachment(
        item.get(ATTACHMENT_ID).s(),
        item.get(TICKET_ID).s(),
        item.get(UPLOADER_ID).s(),
        item.get(FILENAME).s(),
        item.get(CONTENT_TYPE).s(),
        Long.parseLong(item.get(SIZE).n()),
        Attachment.Status.fromWire(item.get(STATUS).s()),
        rejection == null ? null : Attachment.Rejection.fromWire(rejection.s()),
        Timestamps.parse(item.get(CREATED_AT).s()),
        messageId == null ? null : messageId.s());
  }

  /**
   * The writes that attach a message's files, one per file, each on the condition that the file
   * is on the message's ticket, was uploaded by its sender, is ready and on no message yet. They
   * go in the message's own transaction: all of them land with it, or nothing does.
   */
  static List<TransactWriteItem> attachWrites(String table, Message message) {
    return message.attachments().stream().map(file -> TransactWriteItem.builder().update(Update.builder()
        .tableName(table)
        .key(key(file.attachmentId()))
        .updateExpression("SET #message = :message REMOVE #expires")
        .conditionExpression("attribute_exists(#id) AND #status = :ready AND #ticket = :ticket"
            + " AND #uploader = :uploader AND attribute_not_exists(#message)")
        .expressionAttributeNames(Map.of("#message", MESSAGE_ID, "#expires", EXPIRES_AT, "#id", ATTACHMENT_ID,
            "#status", STATUS, "#ticket", TICKET_ID, "#uploader", UPLOADER_ID))
        .expressionAttributeValues(Map.of(":message", AttributeValue.fromS(message.messageId()),
            ":ready", AttributeValue.fromS(Attachment.Status.READY.wireName()),
            ":ticket", AttributeValue.fromS(message.ticketId()),
            ":uploader", AttributeValue.fromS(message.senderId())))
        .build()).build()).toList();
  }

  /** A message's files as an attribute of its item. */
  static AttributeValue files(List<AttachedFile> files) {
    return AttributeValue.fromL(files.stream().map(file -> AttributeValue.fromM(Map.of(
        ATTACHMENT_ID, AttributeValue.fromS(file.attachmentId()),
        FILENAME, AttributeValue.fromS(file.filename()),
        CONTENT_TYPE, AttributeValue.fromS(file.contentType()),
        SIZE, AttributeValue.fromN(Long.toString(file.size()))))).toList());
  }

  static List<AttachedFile> files(AttributeValue value) {
    if (value == null || !value.hasL()) {
      return List.of();
    }
    return value.l().stream().map(AttributeValue::m).map(m -> new AttachedFile(m.get(ATTACHMENT_ID).s(),
        m.get(FILENAME).s(), m.get(CONTENT_TYPE).s(), Long.parseLong(m.get(SIZE).n()))).toList();
  }
}
