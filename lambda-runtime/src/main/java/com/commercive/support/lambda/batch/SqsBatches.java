package com.commercive.support.lambda.batch;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.commercive.support.lambda.WorkMessages;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * The one way a function consumes an SQS batch: a handler says what one message does, and this
 * loops, logs each failure (keys only, never the body) and answers with the partial-batch
 * response, so SQS redelivers only what failed and, after the queue's maximum receives, moves it
 * to the dead-letter queue. A message whose handling throws is reported; nothing is dropped.
 */
public final class SqsBatches {
  /** The attribute SQS sets on messages of a FIFO queue. */
  static final String MESSAGE_GROUP_ID = "MessageGroupId";
  /** The message attributes a failure's log line carries, under the log's key names. */
  private static final Map<String, String> KEYS =
      Map.of("ApproximateReceiveCount", "receive_count", MESSAGE_GROUP_ID, "message_group_id");

  private SqsBatches() {}

  /** Each message on its own: one that fails is reported alone, the rest are handled. */
  public static SQSBatchResponse eachMessage(SQSEvent event, Logger log, String what,
      Consumer<SQSEvent.SQSMessage> handle) {
    List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
    for (SQSEvent.SQSMessage message : records(event)) {
      if (!handled(message, handle, log, what)) {
        failures.add(failure(message));
      }
    }
    return new SQSBatchResponse(failures);
  }

  /**
   * A FIFO queue's batch, in order within each message group: after a message fails, the later
   * messages of its group in this batch are not handled but reported with it, so they come back
   * after it and the group's order holds. Other groups carry on. A message without a group is
   * handled on its own.
   */
  public static SQSBatchResponse inGroupOrder(SQSEvent event, Logger log, String what,
      Consumer<SQSEvent.SQSMessage> handle) {
    List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
    Set<String> failedGroups = new HashSet<>();
    for (SQSEvent.SQSMessage message : records(event)) {
      String group = groupOf(message);
      if (group != null && failedGroups.contains(group)) {
        log.atInfo().addKeyValue("sqs_message_id", message.getMessageId()).addKeyValue("message_group_id", group)
            .log("{} held back behind a failed message of its group; it will be retried", what);
        failures.add(failure(message));
      } else if (!handled(message, handle, log, what)) {
        failures.add(failure(message));
        if (group != null) {
          failedGroups.add(group);
        }
      }
    }
    return new SQSBatchResponse(failures);
  }

  /**
   * What a handler does with a message whose body is a work item (see {@link WorkMessages}); a
   * body that is not one fails that message alone (a poison message ends in the dead-letter queue).
   */
  public static <T> Consumer<SQSEvent.SQSMessage> workItem(Class<T> type, Consumer<T> handle) {
    return message -> handle.accept(WorkMessages.read(message.getBody(), type));
  }

  private static boolean handled(SQSEvent.SQSMessage message, Consumer<SQSEvent.SQSMessage> handle, Logger log,
      String what) {
    try {
      handle.accept(message);
      return true;
    } catch (RuntimeException failure) {
      LoggingEventBuilder entry = log.atError().addKeyValue("sqs_message_id", message.getMessageId());
      Map<String, String> attributes = message.getAttributes() == null ? Map.of() : message.getAttributes();
      // How close it is to the dead-letter queue, and which FIFO group it holds back.
      for (String attribute : List.of("ApproximateReceiveCount", MESSAGE_GROUP_ID)) {
        if (attributes.get(attribute) != null) {
          entry = entry.addKeyValue(KEYS.get(attribute), attributes.get(attribute));
        }
      }
      entry.addKeyValue("error_type", failure.getClass().getName()).setCause(failure)
          .log("{} failed; it will be retried", what);
      return false;
    }
  }

  private static String groupOf(SQSEvent.SQSMessage message) {
    return message.getAttributes() == null ? null : message.getAttributes().get(MESSAGE_GROUP_ID);
  }

  private static List<SQSEvent.SQSMessage> records(SQSEvent event) {
    return event.getRecords() == null ? List.of() : event.getRecords();
  }

  private static SQSBatchResponse.BatchItemFailure failure(SQSEvent.SQSMessage message) {
    return new SQSBatchResponse.BatchItemFailure(message.getMessageId());
  }
}
