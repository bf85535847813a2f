package com.commercive.support.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Drives a stream function as Lambda's DynamoDB event source mapping does: each shard polled about
 * four times a second, records handed over in order in batches of {@value #BATCH_SIZE}, a reported
 * failure retried from its sequence number with backoff, and after {@value #MAX_RETRIES} retries
 * the failed record sent to the on-failure queue while the shard moves on.
 *
 * <p>Its position in each shard is kept ({@link StreamPositions}): a restart resumes after the last
 * record it settled, and only a shard it has never read starts from its oldest record. A record is
 * settled once the function has finished with it and, for a function that puts work on queues
 * (the stream processor), once those queues were seen empty after it: the local queues live in
 * memory and die with the runner, so a position must not pass work that only they still hold (a
 * crash then hands the records since the last settled one over again, and the consumers' writes
 * being idempotent, nothing is done twice). The position is saved at most once a second. It reads up to
 * {@value #READ_LIMIT} records a call and reads again at once while a call comes back full, so a
 * backlog is caught up in few calls. A shard that came back empty is read again after
 * {@value #POLL_INTERVAL_MS} ms, or later when that empty read was slow: DynamoDB Local on disk
 * scans every stream's records to answer a quiet shard (docs/performance.md), so such reads are
 * spaced to take at most about 1/{@value #QUIET_READ_SHARE} of the time, and never more than
 * {@value #MAX_QUIET_INTERVAL_MS} ms apart.
 */
final class StreamPoller implements Runnable {
  static final long POLL_INTERVAL_MS = 250;
  static final long MAX_QUIET_INTERVAL_MS = 2_000;
  static final int QUIET_READ_SHARE = 30;
  static final int MAX_RETRIES = 3;
  /** Records per invocation, as the stack's stream mappings are configured. */
  static final int BATCH_SIZE = 100;
  /** Records per GetRecords call (DynamoDB's most). */
  static final int READ_LIMIT = 1_000;
  /** A position is saved (or, for a function whose queues are not yet empty, tried) at most this often. */
  static final long SAVE_EVERY_MS = 1_000;
  private static final long SHARD_REFRESH_MS = 10_000;
  private static final Logger LOG = LoggerFactory.getLogger(StreamPoller.class);

  private final DynamoDbStreamsClient streams;
  private final String streamArn;
  private final RequestHandler<DynamodbEvent, StreamsEventResponse> handler;
  private final String functionName;
  private final SqsClient sqs;
  private final String failureQueueUrl;
  private final String region;
  private final StreamPositions positions;
  private final BooleanSupplier settled;
  private final FallingBehind behind;
  private final Map<String, ShardState> shards = new LinkedHashMap<>();
  private final Set<String> finishedShards = new HashSet<>();
  private long nextShardRefresh;
  private volatile boolean running = true;

  /** One shard as this mapping reads it. */
  private static final class ShardState {
    final String id;
    String iterator;
    /** The last record handed over, and the last position saved. */
    String finished;
    String saved;
    long savedAt;
    long nextRead;

    ShardState(String id, String iterator, String finished) {
      this.id = id;
      this.iterator = iterator;
      this.finished = finished;
      this.saved = finished;
    }
  }

  StreamPoller(DynamoDbStreamsClient streams, String streamArn, String functionName,
      RequestHandler<DynamodbEvent, StreamsEventResponse> handler, SqsClient sqs,
      String failureQueueUrl, String region, StreamPositions positions, BooleanSupplier settled) {
    this.streams = streams;
    this.streamArn = streamArn;
    this.functionName = functionName;
    this.handler = handler;
    this.sqs = sqs;
    this.failureQueueUrl = failureQueueUrl;
    this.region = region;
    this.positions = positions;
    this.settled = settled;
    this.behind = new FallingBehind(functionName, streamArn);
    refreshShards();
  }

  void stop() {
    running = false;
  }

  @Override
  public void run() {
    while (running) {
      long wait = POLL_INTERVAL_MS;
      try {
        if (System.currentTimeMillis() >= nextShardRefresh) {
          refreshShards();
        }
        for (ShardState shard : List.copyOf(shards.values())) {
          if (running && System.currentTimeMillis() >= shard.nextRead) {
            pollShard(shard);
          }
        }
        long now = System.currentTimeMillis();
        for (ShardState shard : shards.values()) {
          wait = Math.min(wait, Math.max(0, shard.nextRead - now));
        }
      } catch (RuntimeException e) {
        if (running) {
          LOG.error("stream poll failed; polling again", e);
        }
      }
      sleep(wait);
    }
    for (ShardState shard : shards.values()) {
      shard.savedAt = 0;
      savePosition(shard);
    }
  }

  /**
   * New shards (DynamoDB rolls them over) are read after the position kept for them, or from their
   * start when none is: DynamoDB Local refuses LATEST on a shard with no records yet, and a replay
   * is harmless because the consumers' writes are idempotent.
   */
  private void refreshShards() {
    for (Shard shard : streams.describeStream(r -> r.streamArn(streamArn)).streamDescription().shards()) {
      String id = shard.shardId();
      if (!shards.containsKey(id) && !finishedShards.contains(id)) {
        Optional<String> kept = positions.find(functionName, streamArn, id);
        shards.put(id, new ShardState(id, iterator(id, kept.orElse(null)), kept.orElse(null)));
        LOG.atInfo().addKeyValue("function", functionName).addKeyValue("stream", streamArn).addKeyValue("shard", id)
            .addKeyValue("after_sequence_number", kept.orElse("none"))
            .log(kept.isPresent() ? "stream mapping resumes after its last record" : "stream mapping starts at the oldest record");
      }
    }
    nextShardRefresh = System.currentTimeMillis() + SHARD_REFRESH_MS;
  }

  /** An iterator just after {@code sequenceNumber}, or at the oldest record kept when there is none or it is gone. */
  private String iterator(String shard, String sequenceNumber) {
    if (sequenceNumber != null) {
      try {
        return streams.getShardIterator(r -> r.streamArn(streamArn).shardId(shard)
            .shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(sequenceNumber)).shardIterator();
      } catch (DynamoDbException gone) { // trimmed, or no longer a sequence number of the shard
        LOG.atWarn().addKeyValue("function", functionName).addKeyValue("shard", shard)
            .addKeyValue("error", gone.getMessage())
            .log("the kept stream position cannot be resumed; reading the shard from its oldest record");
      }
    }
    return streams.getShardIterator(r -> r.streamArn(streamArn).shardId(shard)
        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
  }

  private void pollShard(ShardState shard) {
    long started = System.nanoTime();
    GetRecordsResponse response;
    try {
      response = streams.getRecords(r -> r.shardIterator(shard.iterator).limit(READ_LIMIT));
    } catch (ExpiredIteratorException | TrimmedDataAccessException stale) {
      shard.iterator = iterator(shard.id, shard.finished);
      return;
    }
    long tookMs = (System.nanoTime() - started) / 1_000_000;
    List<Record> records = response.records();
    if (!records.isEmpty()) {
      Instant oldest = records.get(0).dynamodb().approximateCreationDateTime();
      if (oldest != null) {
        behind.observe(oldest, Instant.now());
      }
      for (int from = 0; from < records.size() && running; from += BATCH_SIZE) {
        List<Record> batch = records.subList(from, Math.min(records.size(), from + BATCH_SIZE));
        deliver(batch);
        shard.finished = batch.get(batch.size() - 1).dynamodb().sequenceNumber();
        savePosition(shard);
      }
      if (!running) {
        return; // stopping mid-way: the next start reads on from the last batch handed over
      }
    } else {
      savePosition(shard);
    }
    if (response.nextShardIterator() == null) {
      shard.savedAt = 0;
      savePosition(shard);
      shards.remove(shard.id);
      finishedShards.add(shard.id);
      return;
    }
    shard.iterator = response.nextShardIterator();
    long now = System.currentTimeMillis();
    if (records.size() >= READ_LIMIT) {
      shard.nextRead = now; // a full read: there is more, read again at once
    } else if (records.isEmpty()) {
      shard.nextRead = now + Math.min(MAX_QUIET_INTERVAL_MS, Math.max(POLL_INTERVAL_MS, QUIET_READ_SHARE * tookMs));
    } else {
      shard.nextRead = now + POLL_INTERVAL_MS;
    }
  }

  /** Saves the shard's position if it moved, it is time, and what the function queued is done. */
  private void savePosition(ShardState shard) {
    long now = System.currentTimeMillis();
    if (shard.finished == null || shard.finished.equals(shard.saved) || now - shard.savedAt < SAVE_EVERY_MS) {
      return;
    }
    shard.savedAt = now;
    String finished = shard.finished; // read before the queues: what they held then came from up to here
    if (settled.getAsBoolean()) {
      positions.save(functionName, streamArn, shard.id, finished);
      shard.saved = finished;
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
