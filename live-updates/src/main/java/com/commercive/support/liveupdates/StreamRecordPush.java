package com.commercive.support.liveupdates;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.commercive.support.domain.Attachment;
import com.commercive.support.domain.Message;
import com.commercive.support.domain.SenderType;
import com.commercive.support.lambda.batch.StreamImages;
import com.commercive.support.realtime.LiveUpdates;
import com.commercive.support.store.dynamodb.AttachmentItems;
import com.commercive.support.store.dynamodb.MessageItems;
import com.commercive.support.store.dynamodb.TicketItems;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Which live event one stream record makes, if any, and its push to the connections allowed to see it. */
final class StreamRecordPush {
  private static final Logger LOG = LoggerFactory.getLogger(StreamRecordPush.class);

  private final LiveUpdates live;
  private final String ticketsTable;
  private final String messagesTable;
  private final String attachmentsTable;

  StreamRecordPush(StreamPushWiring parts) {
    this.live = parts.live();
    this.ticketsTable = parts.ticketsTable();
    this.messagesTable = parts.messagesTable();
    this.attachmentsTable = parts.attachmentsTable();
  }

  /** The event a change makes, pushed; null when the change is not one clients are told of. */
  LiveUpdates.Delivery push(DynamodbEvent.DynamodbStreamRecord record) {
    if (record.getDynamodb() == null || "REMOVE".equals(record.getEventName())) {
      return null;
    }
    String table = StreamImages.tableOf(record.getEventSourceARN());
    Map<String, AttributeValue> after = StreamImages.item(record.getDynamodb().getNewImage());
    if (after == null) {
      return null;
    }
    if (table.equals(messagesTable)) {
      if (!"INSERT".equals(record.getEventName())) {
        return null;
      }
      Message message = MessageItems.fromItem(after);
      if (message.senderType() == SenderType.AI) {
        // The AI worker announces its replies as it stores them, a stream poll sooner.
        return null;
      }
      return live.messageCreated(message);
    }
    if (table.equals(ticketsTable)) {
      return live.ticketUpdated(TicketItems.fromItem(after));
    }
    if (table.equals(attachmentsTable)) {
      Map<String, AttributeValue> before = StreamImages.item(record.getDynamodb().getOldImage());
      Attachment now = AttachmentItems.fromItem(after);
      Attachment then = before == null ? null : AttachmentItems.fromItem(before);
      // Only a check's outcome is news: being attached shows in the message itself.
      if (now.status() == Attachment.Status.UPLOADING || (then != null && then.status() == now.status())) {
        return null;
      }
      return live.attachmentUpdated(now);
    }
    LOG.atWarn().addKeyValue("table", table).log("record from an unexpected table skipped");
    return null;
  }
}
