package com.commercive.support.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.commercive.support.standins.DynamoDbLocalServer;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context.AfterExecution;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The local stream mapping against DynamoDB Local: it keeps its position across a restart (but not
 * past work its queues still hold), and reads a backlog in full reads handed over in order in
 * batches of a hundred.
 */
class StreamPollerIT {
  static DynamoDbClient dynamoDb;
  static DynamoDbStreamsClient streams;
  static final AtomicInteger fullReads = new AtomicInteger();
  static StreamPositions positions;

  @BeforeAll
  static void start() {
    dynamoDb = DynamoDbLocalServer.client();
    ExecutionInterceptor counter = new ExecutionInterceptor() {
      @Override
      public void afterExecution(AfterExecution context, ExecutionAttributes attributes) {
        if (context.response() instanceof GetRecordsResponse records && records.records().size() == StreamPoller.READ_LIMIT) {
          fullReads.incrementAndGet();
        }
      }
    };
    streams = DynamoDbStreamsClient.builder().endpointOverride(DynamoDbLocalServer.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .overrideConfiguration(o -> o.addExecutionInterceptor(counter)).build();
    positions = StreamPositions.open(dynamoDb);
  }

  @AfterAll
  static void stop() {
    streams.close();
    dynamoDb.close();
  }

  /** Records the sequence numbers and batch sizes it is handed. */
  static final class Recording implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    final List<String> ids = new CopyOnWriteArrayList<>();
    final List<BigInteger> sequenceNumbers = new CopyOnWriteArrayList<>();
    final List<Integer> batches = new CopyOnWriteArrayList<>();

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
      batches.add(event.getRecords().size());
      for (var record : event.getRecords()) {
        ids.add(record.getDynamodb().getKeys().get("id").getS());
        sequenceNumbers.add(new BigInteger(record.getDynamodb().getSequenceNumber()));
      }
      return StreamsEventResponse.builder().withBatchItemFailures(List.of()).build();
    }
  }

  @Test
  void aRestartResumesAfterTheLastRecordItFinishedWithAndANewMappingStartsAtTheOldest() throws Exception {
    String arn = table();
    write(arn, "first", 5);
    Recording before = new Recording();
    run("reader", arn, before, () -> before.ids.size() >= 5);

    write(arn, "second", 3);
    Recording after = new Recording();
    run("reader", arn, after, () -> after.ids.size() >= 3);
    LocalApi.pause(1_000); // anything replayed would arrive by now
    assertThat(after.ids).as("only what came after the restart").containsExactlyInAnyOrder("second-0", "second-1", "second-2");

    Recording fresh = new Recording();
    run("another-reader", arn, fresh, () -> fresh.ids.size() >= 8);
    assertThat(fresh.ids).hasSize(8).contains("first-0", "second-2");
  }

  @Test
  void aPositionDoesNotPassWorkItsQueuesStillHold() throws Exception {
    String arn = table();
    write(arn, "queued", 4);
    Recording first = new Recording();
    run("queueing-reader", arn, first, () -> first.ids.size() >= 4, () -> false);
    Recording afterCrash = new Recording();
    run("queueing-reader", arn, afterCrash, () -> afterCrash.ids.size() >= 4, () -> true);
    assertThat(afterCrash.ids).as("handed over again: its queues were never seen empty")
        .containsExactlyInAnyOrderElementsOf(first.ids);
  }

  @Test
  void aBacklogIsReadInFullReadsAndHandedOverInOrderInBatchesOfAHundred() throws Exception {
    String arn = table();
    write(arn, "backlog", 1_250);
    int fullBefore = fullReads.get();
    Recording handler = new Recording();
    long started = System.nanoTime();
    run("backlog-reader", arn, handler, () -> handler.ids.size() >= 1_250);
    System.out.printf("a backlog of 1,250 stream records handed over in %d ms%n", (System.nanoTime() - started) / 1_000_000);
    assertThat(handler.ids).hasSize(1_250).doesNotHaveDuplicates();
    assertThat(handler.sequenceNumbers).isSorted();
    assertThat(handler.batches).allSatisfy(size -> assertThat(size).isBetween(1, StreamPoller.BATCH_SIZE));
    assertThat(fullReads.get() - fullBefore).as("one full read of a thousand, then the rest at once").isEqualTo(1);
  }

  /** Runs a mapping until {@code done} holds, then stops it as the local system does. */
  static void run(String function, String arn, Recording handler, BooleanSupplier done) throws InterruptedException {
    run(function, arn, handler, done, () -> true);
  }

  static void run(String function, String arn, Recording handler, BooleanSupplier done, BooleanSupplier settled)
      throws InterruptedException {
    StreamPoller poller = new StreamPoller(streams, arn, function, handler, null, null, "us-east-1", positions, settled);
    Thread thread = new Thread(poller, "test-" + function);
    thread.start();
    try {
      LocalApi.await(function + " handed its records", Duration.ofSeconds(20), done);
    } finally {
      poller.stop();
      thread.join(5_000);
    }
  }

  static String table() {
    String name = "stream_poller_" + UUID.randomUUID().toString().substring(0, 8);
    dynamoDb.createTable(r -> r.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
        .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
        .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
    return dynamoDb.describeTable(r -> r.tableName(name)).table().latestStreamArn();
  }

  static void write(String arn, String prefix, int count) {
    String table = arn.substring(arn.indexOf("table/") + 6, arn.indexOf("/stream/"));
    for (int done = 0; done < count; ) {
      List<WriteRequest> batch = new ArrayList<>();
      for (int i = 0; i < 25 && done < count; i++, done++) {
        batch.add(WriteRequest.builder().putRequest(PutRequest.builder()
            .item(Map.of("id", AttributeValue.fromS(prefix + "-" + done))).build()).build());
      }
      dynamoDb.batchWriteItem(r -> r.requestItems(Map.of(table, batch)));
    }
  }
}
