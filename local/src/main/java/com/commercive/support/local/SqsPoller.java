package com.commercive.support.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Drives an SQS function as Lambda's SQS event source mapping with ReportBatchItemFailures does:
 * batches of up to 10, the successful messages deleted, the failed ones left to reappear after the
 * visibility timeout and to move to the dead-letter queue after the queue's maxReceiveCount. When
 * the oldest message it receives was sent more than a minute ago, the log says so ({@link FallingBehind}).
 */
final class SqsPoller implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(SqsPoller.class);

  private final SqsClient sqs;
  private final String queueUrl;
  private final String queueArn;
  private final String functionName;
  private final RequestHandler<SQSEvent, SQSBatchResponse> handler;
  private final FallingBehind behind;
  private volatile boolean running = true;

  SqsPoller(SqsClient sqs, String queueUrl, String functionName,
      RequestHandler<SQSEvent, SQSBatchResponse> handler) {
    this.sqs = sqs;
    this.queueUrl = queueUrl;
    this.functionName = functionName;
    this.handler = handler;
    this.behind = new FallingBehind(functionName, queueUrl);
    this.queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
        .attributes().get(QueueAttributeName.QUEUE_ARN);
  }

  void stop() {
    running = false;
  }

  @Override
  public void run() {
    while (running) {
      try {
        List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
            .waitTimeSeconds(1).messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
        if (!messages.isEmpty()) {
          warnWhenBehind(messages);
          deliver(messages);
        }
      } catch (RuntimeException e) {
        if (running) {
          LOG.error("queue poll failed; polling again", e);
          sleep(500);
        }
      }
    }
  }

  /** The oldest message received was sent when? Too long ago, and the log says the queue is behind. */
  private void warnWhenBehind(List<Message> messages) {
    messages.stream().map(m -> m.attributes().get(MessageSystemAttributeName.SENT_TIMESTAMP)).filter(Objects::nonNull)
        .mapToLong(Long::parseLong).min()
        .ifPresent(sent -> behind.observe(Instant.ofEpochMilli(sent), Instant.now()));
  }

  private void deliver(List<Message> messages) {
    SQSEvent event = new SQSEvent();
    List<SQSEvent.SQSMessage> records = new ArrayList<>();
    for (Message message : messages) {
      SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
      record.setMessageId(message.messageId());
      record.setReceiptHandle(message.receiptHandle());
      record.setBody(message.body());
      record.setMd5OfBody(message.md5OfBody());
      record.setAttributes(message.attributesAsStrings());
      record.setEventSource("aws:sqs");
      record.setEventSourceArn(queueArn);
      record.setAwsRegion("us-east-1");
      records.add(record);
    }
    event.setRecords(records);
    Set<String> failed = new HashSet<>();
    try {
      SQSBatchResponse response = handler.handleRequest(event,
          new LocalLambdaContext(UUID.randomUUID().toString(), functionName, System.currentTimeMillis() + 60_000));
      if (response != null && response.getBatchItemFailures() != null) {
        response.getBatchItemFailures().forEach(f -> failed.add(f.getItemIdentifier()));
      }
    } catch (RuntimeException failure) {
      LOG.error("queue function failed; the whole batch will be retried", failure);
      messages.forEach(m -> failed.add(m.messageId()));
    }
    List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
    for (Message message : messages) {
      if (!failed.contains(message.messageId())) {
        done.add(DeleteMessageBatchRequestEntry.builder()
            .id(Integer.toString(done.size())).receiptHandle(message.receiptHandle()).build());
      }
    }
    if (!done.isEmpty()) {
      sqs.deleteMessageBatch(r -> r.queueUrl(queueUrl).entries(done));
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
