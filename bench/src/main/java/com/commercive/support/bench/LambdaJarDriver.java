package com.commercive.support.bench;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * Runs in a fresh JVM on a function's shaded jar and does what the Lambda runtime does: builds
 * the handler with its no-arg constructor, turns each event file's JSON into the handler's event
 * type with the runtime's own serializers ({@code aws-lambda-java-serialization}), invokes the
 * handler and prints one {@code RESULT} line per event, after a first one counting the failures
 * of the SnapStart warm-ups it runs before them, as Lambda does before a snapshot. Driven by
 * {@code LambdaJarsIT}, which proves the deployment packages (not just the modules' classes) work.
 *
 * <p>Arguments: the handler class, the event class, then event files.
 */
public final class LambdaJarDriver {
  private LambdaJarDriver() {}

  @SuppressWarnings({"unchecked", "rawtypes"})
  public static void main(String[] args) throws Exception {
    ClassLoader loader = LambdaJarDriver.class.getClassLoader();
    RequestHandler handler =
        (RequestHandler) Class.forName(args[0], true, loader).getConstructor().newInstance();
    // What SnapStart does before its snapshot, against the same stand-ins: the first result.
    System.out.println("RESULT warmUpFailures=" + com.commercive.support.lambda.SnapStartPriming.primeAll());
    Class<?> eventType = Class.forName(args[1], true, loader);
    var serializer = LambdaEventSerializers.serializerFor(eventType, loader);
    for (int i = 2; i < args.length; i++) {
      Object event = serializer.fromJson(Files.readString(Path.of(args[i]), StandardCharsets.UTF_8));
      Object response = handler.handleRequest(event, new ColdStartProbe.ProbeContext());
      System.out.println("RESULT " + describe(response));
    }
  }

  static String describe(Object response) {
    if (response instanceof APIGatewayV2HTTPResponse http) {
      String body = http.getBody() == null ? "" : http.getBody();
      return "status=" + http.getStatusCode() + " body="
          + Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8));
    }
    if (response instanceof APIGatewayV2WebSocketResponse socket) {
      String body = socket.getBody() == null ? "" : socket.getBody();
      return "status=" + socket.getStatusCode() + " body="
          + Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8));
    }
    if (response instanceof SQSBatchResponse batch) {
      return "failures=" + batch.getBatchItemFailures().size();
    }
    if (response instanceof StreamsEventResponse stream) {
      return "failures=" + stream.getBatchItemFailures().size();
    }
    throw new IllegalStateException("unexpected response " + response);
  }
}
