package com.commercive.support.wire;

import static org.assertj.core.api.Assertions.assertThat;
import com.commercive.support.service.ReadTickets;

import com.commercive.support.domain.AttachedFile;
import com.commercive.support.domain.Attachment;
import com.commercive.support.domain.Message;
import com.commercive.support.domain.Priority;
import com.commercive.support.domain.SenderType;
import com.commercive.support.domain.Ticket;
import com.commercive.support.realtime.LiveEvent;
import com.commercive.support.realtime.LiveEvent.Refused.Code;
import com.commercive.support.realtime.Topic;
import com.commercive.support.service.ReadTickets.MessageView;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The live events' frames: the contract's names, and resources exactly as the REST API shows them. */
class LiveEventJsonTest {
  static final Instant AT = Instant.parse("2026-12-01T10:15:30.123Z");

  static JsonNode frame(LiveEvent event) throws Exception {
    return Json.MAPPER.readTree(LiveEventJson.write(event));
  }

  @Test
  void everyEventSaysWhatItIsWhenItHappenedAndItsId() throws Exception {
    JsonNode pong = frame(new LiveEvent.Pong("e-1", AT));
    assertThat(pong.get("type").asText()).isEqualTo("pong");
    assertThat(pong.get("event_id").asText()).isEqualTo("e-1");
    assertThat(pong.get("occurred_at").asText()).isEqualTo("2026-12-01T10:15:30.123Z");

    assertThat(frame(new LiveEvent.Subscribed("e-2", AT, Topic.ticket("t-1"))).get("ticket_id").asText()).isEqualTo("t-1");
    assertThat(frame(new LiveEvent.Subscribed("e-3", AT, Topic.inbox())).get("inbox").asBoolean()).isTrue();
    JsonNode error = frame(new LiveEvent.Refused("e-4", AT, Code.NOT_FOUND, "no such ticket"));
    assertThat(error.get("type").asText()).isEqualTo("error");
    assertThat(error.get("code").asText()).isEqualTo("not_found");
    assertThat(frame(new LiveEvent.AssistantTyping("e-5", AT, "t-1")).get("type").asText()).isEqualTo("assistant.typing");
  }

  @Test
  void resourcesAreTheRestApisOwn() throws Exception {
    Ticket ticket = Ticket.open("t-1", "user-1", "Orders not syncing", Priority.HIGH, AT);
    Message message = new Message("m-1", "t-1", "admin-1", SenderType.ADMIN, "Try a resync", null, AT, false, false,
        false, false, List.of(new AttachedFile("a-1", "guide.pdf", "application/pdf", 1234)));
    MessageView view = new MessageView(message, "Alex Support", "alex@example.com");

    JsonNode created = frame(new LiveEvent.MessageCreated("e-1", AT, "t-1", view));
    assertThat(created.get("type").asText()).isEqualTo("message.created");
    assertThat(created.get("message").toString()).isEqualTo(Json.write(Resources.message(view)));
    assertThat(created.at("/message/sender_name").asText()).isEqualTo("Alex Support");
    assertThat(created.at("/message/attachments/0/filename").asText()).isEqualTo("guide.pdf");

    LiveEvent.TicketUpdated forOwner = new LiveEvent.TicketUpdated("e-2", AT, ticket, false);
    JsonNode updated = frame(forOwner);
    assertThat(updated.get("ticket").toString()).isEqualTo(Json.write(Resources.ticket(ticket, false)));
    assertThat(updated.at("/ticket/priority").asText()).isEqualTo("high");
    assertThat(updated.get("ticket").has("sla")).as("the owner never sees the service levels").isFalse();
    assertThat(updated.get("ticket").get("resolved_by").isNull()).isTrue();
    assertThat(updated.get("ticket").get("satisfaction").isNull()).isTrue();
    JsonNode forTeam = frame(forOwner.forTeam());
    assertThat(forTeam.at("/ticket/sla/first_response_due_at").asText()).isEqualTo("2026-12-01T11:15:30.123Z");
    assertThat(forTeam.at("/ticket/sla/breached").isArray()).isTrue();

    Attachment file = Attachment.uploading("a-2", "t-1", "user-1", "shot.png", "image/png", 10, AT)
        .rejected(Attachment.Rejection.TYPE_MISMATCH, 10);
    JsonNode checked = frame(new LiveEvent.AttachmentUpdated("e-3", AT, "t-1", file));
    assertThat(checked.at("/attachment/status").asText()).isEqualTo("rejected");
    assertThat(checked.at("/attachment/rejection_reason").asText()).isEqualTo("type-mismatch");
  }
}
