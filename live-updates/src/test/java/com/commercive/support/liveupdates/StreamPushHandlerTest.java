package com.commercive.support.liveupdates;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.commercive.support.domain.Attachment;
import com.commercive.support.domain.Message;
import com.commercive.support.domain.Priority;
import com.commercive.support.domain.SenderType;
import com.commercive.support.domain.Ticket;
import com.commercive.support.domain.User;
import com.commercive.support.fakes.InMemoryRealtimeStore;
import com.commercive.support.fakes.InMemoryUserDirectory;
import com.commercive.support.fakes.MutableClock;
import com.commercive.support.fakes.RecordingPusher;
import com.commercive.support.realtime.Connection;
import com.commercive.support.realtime.LiveEvent;
import com.commercive.support.realtime.LiveUpdates;
import com.commercive.support.realtime.Topic;
import com.commercive.support.store.dynamodb.AttachmentItems;
import com.commercive.support.store.dynamodb.MessageItems;
import com.commercive.support.store.dynamodb.TicketItems;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The pusher on DynamoDB Streams records in Lambda's shape, with in-memory stores. */
class StreamPushHandlerTest {
  static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");
  static final String STREAM = "arn:aws:dynamodb:us-east-1:1:table/%s/stream/2026-12-01T00:00:00.000";

  final InMemoryRealtimeStore store = new InMemoryRealtimeStore();
  final RecordingPusher pusher = new RecordingPusher();
  final StreamPushHandler handler = new StreamPushHandler(new StreamPushWiring(
      new LiveUpdates(store, pusher, new InMemoryUserDirectory(new User("admin-1", "Alex Support", "alex@example.com",
          "admin")), new MutableClock(AT), () -> "event-" + System.nanoTime()),
      "tickets", "messages", "attachments"));

  @BeforeEach
  void connect() {
    Connection owner = new Connection("owner", "user-1", false, AT);
    Connection admin = new Connection("admin", "admin-1", true, AT);
    store.connect(owner);
    store.connect(admin);
    store.subscribe(owner, Topic.ticket("t-1"));
    store.subscribe(admin, Topic.inbox());
  }

  static DynamodbEvent.DynamodbStreamRecord record(String table, String name, Map<String, AttributeValue> before,
      Map<String, AttributeValue> after, String sequence) {
    DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
    record.setEventID("e-" + sequence);
    record.setEventName(name);
    record.setEventSourceARN(String.format(STREAM, table));
    StreamRecord change = new StreamRecord();
    change.setSequenceNumber(sequence);
    change.setOldImage(lambda(before));
    change.setNewImage(lambda(after));
    record.setDynamodb(change);
    return record;
  }

  /** An SDK item in the event library's model, as Lambda hands stream images over. */
  static Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> lambda(
      Map<String, AttributeValue> item) {
    if (item == null) {
      return null;
    }
    Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> out = new HashMap<>();
    item.forEach((k, v) -> out.put(k, lambda(v)));
    return out;
  }

  static com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue lambda(AttributeValue v) {
    var out = new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue();
    if (v.s() != null) {
      out.setS(v.s());
    } else if (v.n() != null) {
      out.setN(v.n());
    } else if (v.bool() != null) {
      out.setBOOL(v.bool());
    } else if (v.hasM()) {
      out.setM(lambda(v.m()));
    } else if (v.hasL()) {
      List<com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> list = new ArrayList<>();
      v.l().forEach(e -> list.add(lambda(e)));
      out.setL(list);
    } else {
      out.setNULL(true);
    }
    return out;
  }

  static DynamodbEvent event(DynamodbEvent.DynamodbStreamRecord... records) {
    DynamodbEvent event = new DynamodbEvent();
    event.setRecords(new ArrayList<>(List.of(records)));
    return event;
  }

  @Test
  void messagesTicketsAndChecksBecomeEventsForWhoMaySeeThemExceptTheAssistantsRepliesTheWorkerAnnounces() {
    Message reply = new Message("m-1", "t-1", "admin-1", SenderType.ADMIN, "Try a resync", null, AT);
    Message note = Message.note("m-2", "t-1", "admin-1", "VIP", null, AT);
    Ticket ticket = Ticket.open("t-1", "user-1", "Orders not syncing", Priority.HIGH, AT);
    Attachment uploading = Attachment.uploading("a-1", "t-1", "user-1", "shot.png", "image/png", 10, AT);
    Message aiReply = new Message("ai-m-0", "t-1", "assistant", SenderType.AI, "Here is how", null, AT);

    StreamsEventResponse response = handler.process(event(
        record("messages", "INSERT", null, MessageItems.toItem(aiReply), "0"),
        record("messages", "INSERT", null, MessageItems.toItem(reply), "1"),
        record("messages", "INSERT", null, MessageItems.toItem(note), "2"),
        record("tickets", "MODIFY", TicketItems.toItem(ticket), TicketItems.toItem(ticket), "3"),
        record("attachments", "INSERT", null, AttachmentItems.toItem(uploading), "4"),
        record("attachments", "MODIFY", AttachmentItems.toItem(uploading),
            AttachmentItems.toItem(uploading.ready(10)), "5"),
        record("messages", "REMOVE", MessageItems.toItem(reply), null, "6")));

    assertThat(response.getBatchItemFailures()).isEmpty();
    assertThat(pusher.to("owner")).extracting(LiveEvent::type)
        .containsExactly("message.created", "ticket.updated", "attachment.updated");
    assertThat(pusher.to("admin")).extracting(LiveEvent::type)
        .containsExactly("message.created", "message.created", "ticket.updated", "attachment.updated");
    assertThat(((LiveEvent.MessageCreated) pusher.to("owner").get(0)).message().senderName()).isEqualTo("Alex Support");
  }

  @Test
  void aBrokenRecordStopsTheBatchThere() {
    DynamodbEvent.DynamodbStreamRecord broken = record("messages", "INSERT", null, Map.of("x", AttributeValue.fromS("y")), "9");
    StreamsEventResponse response = handler.process(event(broken,
        record("messages", "INSERT", null, MessageItems.toItem(new Message("m-3", "t-1", "user-1", SenderType.USER,
            "hi", null, AT)), "10")));

    assertThat(response.getBatchItemFailures()).extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
        .containsExactly("9");
    assertThat(pusher.all()).isEmpty();
  }
}
