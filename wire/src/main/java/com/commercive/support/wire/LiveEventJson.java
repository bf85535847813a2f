package com.commercive.support.wire;

import com.commercive.support.realtime.LiveEvent;
import com.commercive.support.util.Timestamps;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A live update as a WebSocket text frame: {@code type}, {@code event_id}, {@code occurred_at},
 * and what the event carries, with tickets, messages and attachments exactly as the REST API
 * shows them.
 */
public final class LiveEventJson {
  private LiveEventJson() {}

  public static String write(LiveEvent event) {
    ObjectNode json = Json.MAPPER.createObjectNode();
    json.put("type", event.type());
    json.put("event_id", event.eventId());
    json.put("occurred_at", Timestamps.format(event.occurredAt()));
    if (event instanceof LiveEvent.Subscribed subscribed) {
      topic(json, subscribed.topic());
    } else if (event instanceof LiveEvent.Unsubscribed unsubscribed) {
      topic(json, unsubscribed.topic());
    } else if (event instanceof LiveEvent.Refused refused) {
      json.put("code", refused.code().wireName());
      json.put("detail", refused.detail());
    } else if (event instanceof LiveEvent.MessageCreated created) {
      json.put("ticket_id", created.ticketId());
      json.set("message", Json.MAPPER.valueToTree(Resources.message(created.message())));
    } else if (event instanceof LiveEvent.TicketUpdated updated) {
      json.set("ticket", Json.MAPPER.valueToTree(Resources.ticket(updated.ticket(), updated.teamView())));
    } else if (event instanceof LiveEvent.AssistantTyping typing) {
      json.put("ticket_id", typing.ticketId());
    } else if (event instanceof LiveEvent.AttachmentUpdated attachment) {
      json.put("ticket_id", attachment.ticketId());
      json.set("attachment", Json.MAPPER.valueToTree(Resources.attachment(attachment.attachment())));
    }
    return json.toString();
  }

  private static void topic(ObjectNode json, com.commercive.support.realtime.Topic topic) {
    if (topic.isInbox()) {
      json.put("inbox", true);
    } else {
      json.put("ticket_id", topic.ticketId());
    }
  }
}
