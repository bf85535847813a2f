package com.commercive.support.bench;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The smallest reproduction of issue 29's slow {@code GetRecords}: DynamoDB Local alone, three
 * tables with streams (two written to in turn, one never), and each way a stream poller can call
 * it timed as the streams grow, on disk (SQLite in a file, as {@code DYNAMODB_DATA_DIR} runs it) and
 * in memory. Medians of {@value #CALLS} calls, in ms.
 *
 * <p>Run from {@code bench/} after {@code mvn -q -B -DskipTests install}: {@code mvn -q -B exec:java
 * -Dexec.mainClass=com.commercive.support.bench.StreamReadBench}; {@code -Dstreams.records} (default
 * 20000) is the largest number of stream records written.
 */
public final class StreamReadBench {
  static final int CALLS = 15;

  private final DynamoDbClient dynamoDb;
  private final DynamoDbStreamsClient streams;
  private final Map<String, String> arns = new java.util.HashMap<>();
  private final Map<String, String> lastSequence = new java.util.HashMap<>();
  private int written;

  StreamReadBench(URI endpoint) {
    var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench"));
    dynamoDb = DynamoDbClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
        .credentialsProvider(credentials).build();
    streams = DynamoDbStreamsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
        .credentialsProvider(credentials).build();
  }

  public static void main(String[] args) throws Exception {
    int records = Integer.getInteger("streams.records", 20_000);
    for (String mode : List.of("on disk", "in memory")) {
      boolean onDisk = mode.startsWith("on disk");
      Path folder = Files.createTempDirectory("commercive-streams-");
      int port = freePort();
      String[] options = onDisk
          ? new String[] {"-dbPath", folder.toString(), "-sharedDb", "-disableTelemetry", "-port", "" + port}
          : new String[] {"-inMemory", "-sharedDb", "-disableTelemetry", "-port", "" + port};
      DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(options);
      server.start();
      try {
        System.out.println("\nDynamoDB Local " + mode);
        new StreamReadBench(URI.create("http://127.0.0.1:" + port)).run(records);
      } finally {
        server.stop();
        try (var files = Files.walk(folder)) {
          files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        }
      }
    }
    System.exit(0);
  }

  /** Creates the tables and times each call as the streams grow. */
  void run(int records) {
    for (String table : List.of("busy_a", "busy_b", "idle")) {
      dynamoDb.createTable(r -> r.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
          .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
          .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
          .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
      arns.put(table, dynamoDb.describeTable(r -> r.tableName(table)).table().latestStreamArn());
    }
    System.out.println("| stream records | busy shard, caught up (AFTER_SEQUENCE_NUMBER) | busy shard, limit 1000"
        + " caught up | busy shard from TRIM_HORIZON, limit 100 | same, limit 1000 | empty shard (TRIM_HORIZON) |"
        + " GetShardIterator | DescribeStream |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    for (int target : new int[] {1_000, records / 4, records / 2, records}) {
      write(target - written);
      String busy = "busy_a";
      String busyShard = shard(busy);
      System.out.printf("| %,d | %s | %s | %s | %s | %s | %s | %s |%n", written,
          median(() -> records(busy, ShardIteratorType.AFTER_SEQUENCE_NUMBER, lastSequence.get("busy_a"), 100)),
          median(() -> records(busy, ShardIteratorType.AFTER_SEQUENCE_NUMBER, lastSequence.get("busy_a"), 1000)),
          median(() -> records(busy, ShardIteratorType.TRIM_HORIZON, null, 100)),
          median(() -> records(busy, ShardIteratorType.TRIM_HORIZON, null, 1000)),
          median(() -> records("idle", ShardIteratorType.TRIM_HORIZON, null, 100)),
          median(() -> streams.getShardIterator(r -> r.streamArn(arns.get("busy_a")).shardId(busyShard)
              .shardIteratorType(ShardIteratorType.TRIM_HORIZON))),
          median(() -> streams.describeStream(r -> r.streamArn(arns.get("busy_a")))));
    }
  }

  /** Writes {@code count} items of about 1.5 KB, alternating the two busy tables, 25 to a batch. */
  void write(int count) {
    String padding = "x".repeat(1_500);
    for (int done = 0; done < count; ) {
      String table = done / 25 % 2 == 0 ? "busy_a" : "busy_b";
      List<WriteRequest> batch = new ArrayList<>();
      for (int i = 0; i < 25 && done < count; i++, done++) {
        batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(Map.of(
            "id", AttributeValue.fromS("item-" + (written + done)), "text", AttributeValue.fromS(padding))).build())
            .build());
      }
      dynamoDb.batchWriteItem(r -> r.requestItems(Map.of(table, batch)));
    }
    written += count;
    // The latest record of busy_a, for a caught-up iterator.
    String shard = shard("busy_a");
    String iterator = streams.getShardIterator(r -> r.streamArn(arns.get("busy_a")).shardId(shard)
        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
    while (iterator != null) {
      var page = streams.getRecords(builder(iterator));
      if (page.records().isEmpty()) {
        break;
      }
      lastSequence.put("busy_a", page.records().get(page.records().size() - 1).dynamodb().sequenceNumber());
      iterator = page.nextShardIterator();
    }
  }

  private static software.amazon.awssdk.services.dynamodb.model.GetRecordsRequest builder(String iterator) {
    return software.amazon.awssdk.services.dynamodb.model.GetRecordsRequest.builder().shardIterator(iterator)
        .limit(1000).build();
  }

  String shard(String table) {
    return streams.describeStream(r -> r.streamArn(arns.get(table))).streamDescription().shards().get(0).shardId();
  }

  Object records(String table, ShardIteratorType type, String sequence, int limit) {
    String shard = shard(table);
    String iterator = streams.getShardIterator(r -> r.streamArn(arns.get(table)).shardId(shard)
        .shardIteratorType(type).sequenceNumber(sequence)).shardIterator();
    long started = System.nanoTime();
    streams.getRecords(r -> r.shardIterator(iterator).limit(limit));
    return System.nanoTime() - started;
  }

  /** The median time of {@code CALLS} calls, in ms; a call that returns its own time (a Long) is taken at its word. */
  static String median(Supplier<Object> call) {
    List<Long> times = new ArrayList<>();
    for (int i = 0; i < CALLS; i++) {
      long started = System.nanoTime();
      Object result = call.get();
      times.add(result instanceof Long own ? own : System.nanoTime() - started);
    }
    Collections.sort(times);
    return String.format("%.1f", times.get(CALLS / 2) / 1e6);
  }

  private static int freePort() {
    try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
