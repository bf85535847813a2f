package com.commercive.support.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Drives a stream function as Lambda's DynamoDB event source mapping does: each shard polled about
 * four times a second, records handed over in order in batches, a reported failure retried from
 * its sequence number with backoff, and after {@value #MAX_RETRIES} retries the failed record sent
 * to the on-failure queue while the shard moves on.
 */
final class StreamPoller implements Runnable {
  static final long POLL_INTERVAL_MS = 250;
  static final int MAX_RETRIES = 3;
  static final int BATCH_SIZE = 100;
  private static final Logger LOG = LoggerFactory.getLogger(StreamPoller.class);

  private final DynamoDbStreamsClient streams;
  private final String streamArn;
  private final RequestHandler<DynamodbEvent, StreamsEventResponse> handler;
  private final String functionName;
  private final SqsClient sqs;
  private final String failureQueueUrl;
  private final String region;
  private final Map<String, String> iterators = new HashMap<>();
  private final java.util.Set<String> finishedShards = new java.util.HashSet<>();
  private long nextShardRefresh;
  private volatile boolean running = true;

  StreamPoller(DynamoDbStreamsClient streams, String streamArn, String functionName,
      RequestHandler<DynamodbEvent, StreamsEventResponse> handler, SqsClient sqs,
      String failureQueueUrl, String region) {
    this.streams = streams;
    this.streamArn = streamArn;
    this.functionName = functionName;
    this.handler = handler;
    this.sqs = sqs;
    this.failureQueueUrl = failureQueueUrl;
    this.region = region;
    // From the oldest record kept: DynamoDB Local refuses LATEST on a shard with no records yet,
    // and replays are harmless because the consumers' writes are idempotent.
    refreshShards(ShardIteratorType.TRIM_HORIZON);
  }

  void stop() {
    running = false;
  }

  @Override
  public void run() {
    while (running) {
      long started = System.currentTimeMillis();
      try {
        if (started >= nextShardRefresh) {
          refreshShards(ShardIteratorType.TRIM_HORIZON);
        }
        for (String shard : List.copyOf(iterators.keySet())) {
          pollShard(shard);
        }
      } catch (RuntimeException e) {
        if (running) {
          LOG.error("stream poll failed; polling again", e);
        }
      }
      sleep(Math.max(0, POLL_INTERVAL_MS - (System.currentTimeMillis() - started)));
    }
  }

  /** New shards (DynamoDB rolls them over) are read from their start. */
  private void refreshShards(ShardIteratorType newShardPosition) {
    for (Shard shard : streams.describeStream(r -> r.streamArn(streamArn)).streamDescription().shards()) {
      String id = shard.shardId();
      if (!iterators.containsKey(id) && !finishedShards.contains(id)) {
        iterators.put(id, streams.getShardIterator(r -> r.streamArn(streamArn).shardId(id)
            .shardIteratorType(newShardPosition)).shardIterator());
      }
    }
    nextShardRefresh = System.currentTimeMillis() + 5_000;
  }

  private void pollShard(String shard) {
    String iterator = iterators.get(shard);
    software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse response;
    try {
      response = streams.getRecords(r -> r.shardIterator(iterator).limit(BATCH_SIZE));
    } catch (ExpiredIteratorException | TrimmedDataAccessException stale) {
      iterators.put(shard, streams.getShardIterator(r -> r.streamArn(streamArn).shardId(shard)
          .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator());
      return;
    }
    if (response.nextShardIterator() == null) {
      iterators.remove(shard);
      finishedShards.add(shard);
    } else {
      iterators.put(shard, response.nextShardIterator());
    }
    if (!response.records().isEmpty()) {
      deliver(response.records());
    }
  }

  private void deliver(List<Record> records) {
    List<Record> pending = records;
    int retries = 0;
    while (!pending.isEmpty()) {
      String failedSequence = invoke(pending);
      if (failedSequence == null) {
        return;
      }
      int failedAt = 0;
      while (failedAt < pending.size()
          && !pending.get(failedAt).dynamodb().sequenceNumber().equals(failedSequence)) {
        failedAt++;
      }
      if (failedAt == pending.size()) {
        failedAt = 0;
      }
      pending = pending.subList(failedAt, pending.size());
      if (retries >= MAX_RETRIES) {
        sendToFailureQueue(pending.get(0));
        pending = pending.subList(1, pending.size());
        retries = 0;
        continue;
      }
      retries++;
      sleep(200L * retries);
    }
  }

  /** The sequence number the function reported as failed, or null when all succeeded. */
  private String invoke(List<Record> records) {
    DynamodbEvent event = new DynamodbEvent();
    List<DynamodbEvent.DynamodbStreamRecord> converted = new ArrayList<>();
    for (Record record : records) {
      converted.add(StreamEvents.toLambda(record, streamArn, region));
    }
    event.setRecords(converted);
    try {
      StreamsEventResponse response = handler.handleRequest(event,
          new LocalLambdaContext(UUID.randomUUID().toString(), functionName, System.currentTimeMillis() + 60_000));
      if (response == null || response.getBatchItemFailures() == null || response.getBatchItemFailures().isEmpty()) {
        return null;
      }
      return response.getBatchItemFailures().get(0).getItemIdentifier();
    } catch (RuntimeException failure) {
      LOG.error("stream function failed; the batch is retried", failure);
      return records.get(0).dynamodb().sequenceNumber();
    }
  }

  /** What the on-failure destination gets: enough to find and redrive the record. */
  private void sendToFailureQueue(Record record) {
    String body = "{\"stream_arn\":\"" + streamArn + "\",\"event_id\":\"" + record.eventID()
        + "\",\"sequence_number\":\"" + record.dynamodb().sequenceNumber()
        + "\",\"event_name\":\"" + record.eventNameAsString() + "\",\"keys\":\""
        + record.dynamodb().keys().toString().replace("\"", "'") + "\"}";
    sqs.sendMessage(r -> r.queueUrl(failureQueueUrl).messageBody(body));
    LOG.warn("stream record sent to the failure queue after " + MAX_RETRIES + " retries: " + record.eventID());
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
