package com.commercive.support.lambda.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.commercive.support.testing.StandardOutput;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The stream half of the event-source kit, on a batch in Lambda's shape. */
class StreamBatchesTest {
  private static final Logger LOG = LoggerFactory.getLogger(StreamBatchesTest.class);

  final List<String> handled = new ArrayList<>();

  /** What one record does in these tests: a ticket whose new status is "fail" fails. */
  void route(DynamodbEvent.DynamodbStreamRecord record) {
    String table = StreamImages.tableOf(record.getEventSourceARN());
    Map<String, AttributeValue> after = StreamImages.item(record.getDynamodb().getNewImage());
    if (after != null && after.get("status").s().equals("fail")) {
      throw new IllegalStateException("queue unavailable");
    }
    handled.add(table + ":" + record.getEventID());
  }

  @Test
  void theBatchStopsAtTheFirstFailureAndReportsItsSequenceNumber() {
    StreamsEventResponse response = StreamBatches.inOrder(batch(), LOG, "a stream record", this::route);

    // Lambda retries from the reported record, so the ones after it must not have been handled.
    assertThat(failed(response)).containsExactly("300");
    assertThat(handled).containsExactly("commercive_support_tickets:event-1", "commercive_support_tickets:event-2");
  }

  @Test
  void aBatchWithoutFailuresAnswersWithAnEmptyList() {
    DynamodbEvent event = batch();
    event.setRecords(List.of(event.getRecords().get(0), event.getRecords().get(3)));

    StreamsEventResponse response = StreamBatches.inOrder(event, LOG, "a stream record", this::route);

    assertThat(response.getBatchItemFailures()).isEmpty();
    assertThat(handled).hasSize(2);
  }

  @Test
  void aRecordThatCannotBeReadFailsItselfAndNothingBeforeIt() {
    DynamodbEvent event = batch();
    event.getRecords().get(1).setEventSourceARN("arn:aws:sqs:us-east-1:123456789012:not-a-stream");

    StreamsEventResponse response = StreamBatches.inOrder(event, LOG, "a stream record", this::route);

    assertThat(failed(response)).containsExactly("200");
    assertThat(handled).containsExactly("commercive_support_tickets:event-1");
  }

  @Test
  void aRecordWithoutItsChangeIsReportedWithoutASequenceNumberSoTheWholeBatchIsRetried() {
    DynamodbEvent event = batch();
    event.getRecords().get(0).setDynamodb(null);

    StreamsEventResponse response = StreamBatches.inOrder(event, LOG, "a stream record", this::route);

    assertThat(response.getBatchItemFailures()).singleElement()
        .satisfies(failure -> assertThat(failure.getItemIdentifier()).isNull());
    assertThat(handled).isEmpty();
  }

  @Test
  void aFailureIsLoggedWithTheRecordsKeysAndCause() throws Exception {
    List<String> printed = StandardOutput.linesPrintedBy(
        () -> StreamBatches.inOrder(batch(), LOG, "a stream record", this::route));

    assertThat(printed).hasSize(1);
    JsonNode line = new ObjectMapper().readTree(printed.get(0));
    assertThat(line.get("level").asText()).isEqualTo("ERROR");
    assertThat(line.get("message").asText()).isEqualTo("a stream record failed; the batch stops here and is retried from it");
    assertThat(line.get("event_id").asText()).isEqualTo("event-3");
    assertThat(line.get("sequence_number").asText()).isEqualTo("300");
    assertThat(line.get("stack_trace").asText()).startsWith("java.lang.IllegalStateException: queue unavailable");
    assertThat(printed.get(0)).doesNotContain("ticket-2");
  }

  @Test
  void imagesBecomeTheSdksItemsWithEveryKindOfValue() {
    DynamodbEvent.DynamodbStreamRecord insert = batch().getRecords().get(0);
    Map<String, AttributeValue> item = StreamImages.item(insert.getDynamodb().getNewImage());

    assertThat(item.get("ticket_id").s()).isEqualTo("ticket-1");
    assertThat(item.get("message_count").n()).isEqualTo("1");
    assertThat(item.get("human_replied").bool()).isFalse();
    assertThat(item.get("tags").ss()).containsExactly("payouts");
    assertThat(item.get("last_message").m().get("sender_type").s()).isEqualTo("user");
    assertThat(item.get("history").l()).extracting(AttributeValue::s, AttributeValue::n)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("open", null), org.assertj.core.groups.Tuple.tuple(null, "1"));
    assertThat(StreamImages.item(insert.getDynamodb().getOldImage())).isNull();
  }

  @Test
  void theTableIsNamedByTheStreamsArn() {
    assertThat(StreamImages.tableOf(batch().getRecords().get(0).getEventSourceARN()))
        .isEqualTo("commercive_support_tickets");
    assertThatThrownBy(() -> StreamImages.tableOf("arn:aws:sqs:x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> StreamImages.tableOf(null)).isInstanceOf(IllegalArgumentException.class);
  }

  private static DynamodbEvent batch() {
    return EventLoader.loadDynamoDbEvent("events/stream-batch.json");
  }

  private static List<String> failed(StreamsEventResponse response) {
    return response.getBatchItemFailures().stream().map(StreamsEventResponse.BatchItemFailure::getItemIdentifier).toList();
  }
}
