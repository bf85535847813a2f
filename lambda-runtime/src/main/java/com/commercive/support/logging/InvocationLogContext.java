package com.commercive.support.logging;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.MDC;

/**
 * Adds the Lambda invocation's identity (request id, function, version, memory, whether this is
 * the environment's first invocation) to every log line written while a handler runs, and takes
 * it away afterwards.
 */
public final class InvocationLogContext {
  static final String REQUEST_ID = "function_request_id";
  static final String FUNCTION_NAME = "function_name";
  static final String FUNCTION_VERSION = "function_version";
  static final String MEMORY_SIZE = "function_memory_size";
  static final String COLD_START = "cold_start";

  private static final AtomicBoolean FIRST_INVOCATION = new AtomicBoolean(true);

  private InvocationLogContext() {}

  public static <T> T around(Context context, Supplier<T> invocation) {
    put(REQUEST_ID, context.getAwsRequestId());
    put(FUNCTION_NAME, context.getFunctionName());
    put(FUNCTION_VERSION, context.getFunctionVersion());
    put(MEMORY_SIZE, String.valueOf(context.getMemoryLimitInMB()));
    put(COLD_START, String.valueOf(FIRST_INVOCATION.getAndSet(false)));
    try {
      return invocation.get();
    } finally {
      for (String key : new String[] {REQUEST_ID, FUNCTION_NAME, FUNCTION_VERSION, MEMORY_SIZE, COLD_START}) {
        MDC.remove(key);
      }
    }
  }

  private static void put(String key, String value) {
    if (value != null) {
      MDC.put(key, value);
    }
  }
}
