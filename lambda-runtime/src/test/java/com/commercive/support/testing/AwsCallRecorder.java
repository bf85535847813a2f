package com.commercive.support.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.slf4j.MDC;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Records every AWS call the functions make while tests run (the SDK finds it through
 * {@code software/amazon/awssdk/global/handlers/execution.interceptors} on the test class path): the
 * function ({@code AWS_CALLS_FUNCTION}, else the invocation's log context), the service, the
 * operation and the resources named (tables, indexes, queues, email identity, model, secret, S3 objects), one
 * JSON line each in the file named by {@code AWS_CALLS_LOG} (environment or system property).
 * Without that setting it records nothing. The bench compares the lines with the IAM policies
 * the stack gives each function.
 */
public final class AwsCallRecorder implements ExecutionInterceptor {
  public static final String LOG = "AWS_CALLS_LOG";
  public static final String FUNCTION = "AWS_CALLS_FUNCTION";

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    String file = setting(LOG);
    if (file == null) {
      return;
    }
    // A JVM that runs one function says which (a jar under test); the local runner's JVM runs
    // all four, and the invocation's log context says which one is calling.
    String function = setting(FUNCTION);
    if (function == null) {
      function = MDC.get("function_name");
    }
    if (function == null) {
      return; // the local runner's own set-up (tables, queues, demo users), not a function
    }
    String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    String line = "{\"function\":\"" + function + "\",\"service\":\"" + service + "\",\"operation\":\""
        + operation + "\",\"resources\":" + json(resources(context.request())) + "}\n";
    try {
      Path path = Path.of(file);
      Files.createDirectories(path.toAbsolutePath().getParent());
      synchronized (AwsCallRecorder.class) {
        Files.writeString(path, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("the AWS call could not be recorded", e);
    }
  }

  /** The resources a request names, as "table:NAME", "index:TABLE/INDEX", "queue:URL" and so on. */
  static List<String> resources(SdkRequest request) {
    TreeSet<String> found = new TreeSet<>();
    request.getValueForField("TableName", String.class).ifPresent(t -> found.add("table:" + t));
    request.getValueForField("IndexName", String.class).ifPresent(i ->
        found.add("index:" + request.getValueForField("TableName", String.class).orElse("?") + "/" + i));
    request.getValueForField("RequestItems", Map.class).ifPresent(items ->
        items.keySet().forEach(t -> found.add("table:" + t)));
    request.getValueForField("TransactItems", List.class).ifPresent(items -> {
      for (Object item : items) {
        for (String kind : List.of("Put", "Update", "Delete", "ConditionCheck")) {
          member(item, kind).flatMap(part -> member(part, "TableName"))
              .ifPresent(t -> found.add("transact-" + kind + ":" + t));
        }
      }
    });
    request.getValueForField("StreamArn", String.class).ifPresent(s -> found.add("stream:" + s));
    request.getValueForField("QueueUrl", String.class).ifPresent(q -> found.add("queue:" + q));
    request.getValueForField("Source", String.class).ifPresent(s -> found.add("identity:" + s));
    request.getValueForField("ModelId", String.class).ifPresent(m -> found.add("model:" + m));
    request.getValueForField("SecretId", String.class).ifPresent(s -> found.add("secret:" + s));
    request.getValueForField("ConnectionId", String.class).ifPresent(c -> found.add("connection:" + c));
    request.getValueForField("Bucket", String.class).ifPresent(b ->
        found.add("object:" + b + "/" + request.getValueForField("Key", String.class).orElse("")));
    request.getValueForField("SourceBucket", String.class).ifPresent(b ->
        found.add("copy-source:" + b + "/" + request.getValueForField("SourceKey", String.class).orElse("")));
    request.getValueForField("DestinationBucket", String.class).ifPresent(b ->
        found.add("copy-destination:" + b + "/" + request.getValueForField("DestinationKey", String.class).orElse("")));
    return new ArrayList<>(found);
  }

  /** A member of a request part (a TransactWriteItems item), through the SDK's generic fields. */
  private static java.util.Optional<Object> member(Object part, String name) {
    if (part instanceof software.amazon.awssdk.core.SdkPojo pojo) {
      for (software.amazon.awssdk.core.SdkField<?> field : pojo.sdkFields()) {
        if (field.memberName().equals(name)) {
          return java.util.Optional.ofNullable(field.getValueOrDefault(pojo));
        }
      }
    }
    return java.util.Optional.empty();
  }

  private static String setting(String name) {
    String value = System.getProperty(name);
    return value != null ? value : System.getenv(name);
  }

  private static String json(List<String> values) {
    StringBuilder out = new StringBuilder("[");
    for (String value : values) {
      out.append(out.length() > 1 ? "," : "").append('"')
          .append(value.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    }
    return out.append(']').toString();
  }
}
