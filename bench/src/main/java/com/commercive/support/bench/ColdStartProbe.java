package com.commercive.support.bench;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Runs in a fresh JVM on a function's shaded jar: constructs the handler as Lambda does (its
 * no-arg constructor), serves one event, and prints the times from JVM start and the classes
 * loaded. Driven by {@link ColdStartBench}.
 */
public final class ColdStartProbe {
  private ColdStartProbe() {}

  @SuppressWarnings({"unchecked", "rawtypes"})
  public static void main(String[] args) throws Exception {
    String kind = args[0];
    long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
    String handlerClass = switch (kind) {
      case "api" -> "com.commercive.support.api.ApiHandler";
      case "ai-response" -> "com.commercive.support.airesponse.AiResponseHandler";
      case "stream-processor" -> "com.commercive.support.streamprocessor.StreamProcessorHandler";
      case "ai-worker" -> "com.commercive.support.aiworker.AiWorkerHandler";
      case "notifier" -> "com.commercive.support.notifier.NotifierHandler";
      default -> throw new IllegalArgumentException(kind);
    };
    RequestHandler handler = (RequestHandler) Class.forName(handlerClass).getConstructor().newInstance();
    long initialised = System.currentTimeMillis();
    // With -Dprobe.primed=true, what SnapStart does before its snapshot: the warm-ups run here,
    // and what follows is what an environment restored from the snapshot would do.
    boolean primed = Boolean.getBoolean("probe.primed");
    long heapAfterWarmUp = 0;
    long residentAfterWarmUp = 0;
    if (primed) {
      com.commercive.support.lambda.SnapStartPriming.primeAll();
      // What a snapshot would hold: the heap the warm-up left, after a collection, and the
      // process's resident memory (native libraries and models included).
      System.gc();
      heapAfterWarmUp = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
      residentAfterWarmUp = residentKilobytes() * 1_000;
    }
    long ready = System.currentTimeMillis();
    Object response = handler.handleRequest(event(kind), new ProbeContext());
    long served = System.currentTimeMillis();
    if (kind.equals("api") || kind.equals("ai-response")) {
      int status = ((com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse) response).getStatusCode();
      if (status != 200) {
        throw new IllegalStateException("the API answered " + status);
      }
    }
    System.out.printf("COLDSTART %s init_ms=%d first_response_ms=%d after_warm_up_ms=%d classes=%d heap_mb=%d rss_mb=%d%n", kind,
        initialised - jvmStart, served - jvmStart, served - ready,
        ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount(), heapAfterWarmUp / 1_000_000,
        residentAfterWarmUp / 1_000_000);
  }

  /** This process's resident set (Linux's {@code VmRSS}), 0 where it cannot be read. */
  static long residentKilobytes() throws java.io.IOException {
    java.nio.file.Path status = java.nio.file.Path.of("/proc/self/status");
    if (!java.nio.file.Files.exists(status)) {
      return 0;
    }
    for (String line : java.nio.file.Files.readAllLines(status)) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return 0;
  }

  static Object event(String kind) {
    String ticketId = System.getProperty("probe.ticket");
    String messageId = System.getProperty("probe.message");
    return switch (kind) {
      case "api" -> APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRawPath("/support/tickets")
          .withRawQueryString("").withHeaders(Map.of("authorization", "Bearer " + System.getProperty("probe.token")))
          .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId("probe")
              .withStage("$default").withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                  .withMethod("GET").withPath("/support/tickets").build()).build())
          .build();
      case "ai-response" -> APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRawPath("/support/ai-response")
          .withRawQueryString("").withBody("{\"message\":\"How do I reset my password?\"}")
          .withHeaders(Map.of("authorization", "Bearer " + System.getProperty("probe.token"),
              "content-type", "application/json"))
          .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId("probe")
              .withStage("$default").withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                  .withMethod("POST").withPath("/support/ai-response").build()).build())
          .build();
      case "stream-processor" -> {
        DynamodbEvent event = new DynamodbEvent();
        DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
        record.setEventID(UUID.randomUUID().toString());
        record.setEventName("INSERT");
        record.setEventSourceARN("arn:aws:dynamodb:us-east-1:000000000000:table/commercive_support_messages/stream/x");
        StreamRecord change = new StreamRecord();
        change.setSequenceNumber("1");
        change.setNewImage(Map.of(
            "message_id", new AttributeValue().withS(messageId), "ticket_id", new AttributeValue().withS(ticketId),
            "sender_id", new AttributeValue().withS("demo-admin"), "sender_type", new AttributeValue().withS("admin"),
            "message", new AttributeValue().withS("probe"), "is_ai_response", new AttributeValue().withBOOL(false),
            "created_at", new AttributeValue().withS("2026-11-24T10:00:00.000Z")));
        record.setDynamodb(change);
        event.setRecords(List.of(record));
        yield event;
      }
      default -> {
        SQSEvent event = new SQSEvent();
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId(UUID.randomUUID().toString());
        message.setAttributes(Map.of("MessageGroupId", ticketId));
        message.setBody(kind.equals("ai-worker")
            ? "{\"ticket_id\":\"" + ticketId + "\",\"message_id\":\"" + messageId + "\",\"event_id\":\"probe\"}"
            : "{\"id\":\"probe-" + UUID.randomUUID() + "\",\"kind\":\"REPLY\",\"ticket_id\":\"" + ticketId
                + "\",\"message_id\":\"" + messageId + "\"}");
        event.setRecords(List.of(message));
        yield event;
      }
    };
  }

  static final class ProbeContext implements Context {
    @Override public String getAwsRequestId() { return UUID.randomUUID().toString(); }
    @Override public String getLogGroupName() { return "probe"; }
    @Override public String getLogStreamName() { return "probe"; }
    @Override public String getFunctionName() { return "probe"; }
    @Override public String getFunctionVersion() { return "$LATEST"; }
    @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:000000000000:function:probe"; }
    @Override public CognitoIdentity getIdentity() { return null; }
    @Override public ClientContext getClientContext() { return null; }
    @Override public int getRemainingTimeInMillis() { return 60_000; }
    @Override public int getMemoryLimitInMB() { return 1024; }
    @Override public LambdaLogger getLogger() {
      return new LambdaLogger() {
        @Override public void log(String message) {}
        @Override public void log(byte[] message) {}
      };
    }
  }
}
