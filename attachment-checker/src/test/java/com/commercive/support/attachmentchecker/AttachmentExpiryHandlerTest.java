package com.commercive.support.attachmentchecker;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.Identity;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.commercive.support.domain.Attachment;
import com.commercive.support.fakes.InMemoryAttachmentStore;
import com.commercive.support.fakes.InMemoryFileStorage;
import com.commercive.support.service.AttachmentCheck;
import com.commercive.support.service.AttachmentService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Deleting the files of uploads never sent, from the attachments table's stream records. */
class AttachmentExpiryHandlerTest {
  final InMemoryFileStorage files = new InMemoryFileStorage();
  final AttachmentExpiryHandler handler = new AttachmentExpiryHandler(new AttachmentCheck(
      new InMemoryAttachmentStore(), files, new TikaContentSniffer(), AttachmentService.Policy.defaults()));

  static DynamodbEvent.DynamodbStreamRecord record(String eventName, Identity identity, String attachmentId,
      String messageId, String sequence) {
    Map<String, AttributeValue> image = new HashMap<>();
    image.put("attachment_id", new AttributeValue().withS(attachmentId));
    image.put("ticket_id", new AttributeValue().withS("ticket-1"));
    if (messageId != null) {
      image.put("message_id", new AttributeValue().withS(messageId));
    }
    DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
    record.setEventName(eventName);
    record.setEventID("event-" + sequence);
    record.setUserIdentity(identity);
    StreamRecord change = new StreamRecord();
    change.setSequenceNumber(sequence);
    change.setOldImage(eventName.equals("INSERT") ? null : image);
    change.setNewImage(eventName.equals("REMOVE") ? null : image);
    record.setDynamodb(change);
    return record;
  }

  static Identity ttl() {
    return new Identity().withType("Service").withPrincipalId("dynamodb.amazonaws.com");
  }

  static DynamodbEvent event(DynamodbEvent.DynamodbStreamRecord... records) {
    DynamodbEvent event = new DynamodbEvent();
    event.setRecords(new ArrayList<>(List.of(records)));
    return event;
  }

  void storeFiles(String attachmentId) {
    files.put(Attachment.checkedKey("ticket-1", attachmentId), new byte[] {1});
    files.put(Attachment.quarantineKey("ticket-1", attachmentId), new byte[] {2});
  }

  @Test
  void anUnsentUploadDynamoDbExpiredLosesItsFilesAndNothingElseDoes() {
    for (String id : List.of("expired", "deleted-by-hand", "sent", "changed", "new")) {
      storeFiles(id);
    }

    StreamsEventResponse response = handler.process(event(
        record("REMOVE", ttl(), "expired", null, "1"),
        record("REMOVE", null, "deleted-by-hand", null, "2"),
        record("REMOVE", ttl(), "sent", "message-1", "3"),
        record("MODIFY", null, "changed", null, "4"),
        record("INSERT", null, "new", null, "5")));

    assertThat(response.getBatchItemFailures()).isEmpty();
    assertThat(files.keys()).noneMatch(key -> key.endsWith("/expired")).hasSize(8);
  }

  @Test
  void aRedeliveredExpiryChangesNothingAndABadRecordStopsTheBatchThere() {
    storeFiles("expired");
    handler.process(event(record("REMOVE", ttl(), "expired", null, "1")));
    assertThat(handler.process(event(record("REMOVE", ttl(), "expired", null, "1"))).getBatchItemFailures()).isEmpty();

    DynamodbEvent.DynamodbStreamRecord broken = record("REMOVE", ttl(), "../x", null, "7");
    storeFiles("later");
    StreamsEventResponse response = handler.process(event(broken, record("REMOVE", ttl(), "later", null, "8")));

    assertThat(response.getBatchItemFailures()).extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
        .containsExactly("7");
    assertThat(files.keys()).anyMatch(key -> key.endsWith("/later"));
  }
}
