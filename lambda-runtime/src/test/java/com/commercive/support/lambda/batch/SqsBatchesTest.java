package com.commercive.support.lambda.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.commercive.support.testing.StandardOutput;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The SQS half of the event-source kit, on batches in Lambda's shape. */
class SqsBatchesTest {
  private static final Logger LOG = LoggerFactory.getLogger(SqsBatchesTest.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  record Job(String ticketId, String kind) {}

  final List<String> handled = new ArrayList<>();

  /** What one message does in these tests: a job of kind "fail" fails. */
  void run(Job job) {
    if (job.kind().equals("fail")) {
      throw new IllegalStateException("store unavailable");
    }
    handled.add(job.ticketId());
  }

  @Test
  void aFailedMessageIsReportedAloneAndTheRestAreHandled() {
    SQSBatchResponse response = SqsBatches.eachMessage(EventLoader.loadSQSEvent("events/sqs-batch.json"), LOG,
        "a job", SqsBatches.workItem(Job.class, this::run));

    assertThat(failed(response)).containsExactly("msg-2", "msg-3");
    assertThat(handled).containsExactly("ticket-A", "ticket-C");
  }

  @Test
  void anUnreadableBodyFailsOnlyItsOwnMessage() {
    SQSEvent event = EventLoader.loadSQSEvent("events/sqs-batch.json");
    event.setRecords(List.of(event.getRecords().get(2), event.getRecords().get(3)));

    SQSBatchResponse response = SqsBatches.eachMessage(event, LOG, "a job", SqsBatches.workItem(Job.class, this::run));

    assertThat(failed(response)).containsExactly("msg-3");
    assertThat(handled).containsExactly("ticket-C");
  }

  @Test
  void aFifoGroupIsHeldAfterAFailureWhileOtherGroupsCarryOn() {
    List<String> seen = new ArrayList<>();
    SQSBatchResponse response = SqsBatches.inGroupOrder(EventLoader.loadSQSEvent("events/sqs-fifo-batch.json"), LOG,
        "a job", message -> {
          seen.add(message.getMessageId());
          SqsBatches.workItem(Job.class, this::run).accept(message);
        });

    // ticket-A: 1 handled, 2 failed, 4 held; ticket-B: 3 handled, 5 unreadable, 6 held; ticket-C handled.
    assertThat(failed(response)).containsExactly("msg-2", "msg-4", "msg-5", "msg-6");
    assertThat(seen).containsExactly("msg-1", "msg-2", "msg-3", "msg-5", "msg-7");
    assertThat(handled).containsExactly("ticket-A", "ticket-B", "ticket-C");
  }

  @Test
  void messagesWithoutAGroupAreEachOnTheirOwnEvenInGroupOrder() {
    SQSBatchResponse response = SqsBatches.inGroupOrder(EventLoader.loadSQSEvent("events/sqs-batch.json"), LOG,
        "a job", SqsBatches.workItem(Job.class, this::run));

    assertThat(failed(response)).containsExactly("msg-2", "msg-3");
    assertThat(handled).containsExactly("ticket-A", "ticket-C");
  }

  @Test
  void aBatchWithoutFailuresAnswersWithAnEmptyList() {
    SQSEvent event = EventLoader.loadSQSEvent("events/sqs-batch.json");
    event.setRecords(List.of(event.getRecords().get(0)));

    assertThat(SqsBatches.eachMessage(event, LOG, "a job", SqsBatches.workItem(Job.class, this::run))
        .getBatchItemFailures()).isEmpty();
  }

  @Test
  void aFailureIsLoggedWithItsKeysAndCauseButNeverTheBody() throws Exception {
    SQSEvent event = EventLoader.loadSQSEvent("events/sqs-fifo-batch.json");
    List<String> printed = StandardOutput.linesPrintedBy(() ->
        SqsBatches.inGroupOrder(event, LOG, "a job", SqsBatches.workItem(Job.class, this::run)));

    List<JsonNode> errors = new ArrayList<>();
    List<JsonNode> heldBack = new ArrayList<>();
    for (String line : printed) {
      JsonNode json = JSON.readTree(line);
      (json.get("level").asText().equals("ERROR") ? errors : heldBack).add(json);
    }
    assertThat(errors).extracting(line -> line.get("sqs_message_id").asText()).containsExactly("msg-2", "msg-5");
    JsonNode first = errors.get(0);
    assertThat(first.get("message").asText()).isEqualTo("a job failed; it will be retried");
    assertThat(first.get("logger").asText()).isEqualTo(SqsBatchesTest.class.getName());
    assertThat(first.get("message_group_id").asText()).isEqualTo("ticket-A");
    assertThat(first.get("receive_count").asText()).isEqualTo("1");
    assertThat(first.get("error_type").asText()).isEqualTo(IllegalStateException.class.getName());
    assertThat(first.get("stack_trace").asText()).startsWith("java.lang.IllegalStateException: store unavailable");
    assertThat(errors.get(1).get("error_type").asText()).isEqualTo(IllegalArgumentException.class.getName());
    assertThat(heldBack).extracting(line -> line.get("sqs_message_id").asText()).containsExactly("msg-4", "msg-6");
    assertThat(String.join("\n", printed)).doesNotContain("\"kind\"", "not json");
  }

  @Test
  void aStandardQueuesFailureLogsNoGroupAndNoBody() throws Exception {
    List<String> printed = StandardOutput.linesPrintedBy(() -> SqsBatches.eachMessage(
        EventLoader.loadSQSEvent("events/sqs-batch.json"), LOG, "a job", SqsBatches.workItem(Job.class, this::run)));

    assertThat(printed).hasSize(2);
    assertThat(JSON.readTree(printed.get(0)).has("message_group_id")).isFalse();
    // msg-3's body holds an email address; a parse error must not carry it into the logs.
    assertThat(String.join("\n", printed)).doesNotContain("dana@example.com");
  }

  @Test
  void aBodyThatIsNotJsonAtAllLeavesNoFragmentOfItInTheLogs() {
    SQSEvent event = EventLoader.loadSQSEvent("events/sqs-batch.json");
    SQSEvent.SQSMessage unquoted = event.getRecords().get(2);
    unquoted.setBody("dana.private@example.com asked again");
    event.setRecords(List.of(unquoted));

    List<String> printed = StandardOutput.linesPrintedBy(() ->
        assertThat(failed(SqsBatches.eachMessage(event, LOG, "a job", SqsBatches.workItem(Job.class, this::run))))
            .containsExactly("msg-3"));

    // Jackson quotes the token it could not read in its message; the stack trace carries it.
    assertThat(printed).hasSize(1);
    assertThat(printed.get(0)).contains("IllegalArgumentException").doesNotContain("dana", "private");
  }

  private static List<String> failed(SQSBatchResponse response) {
    return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
  }
}
