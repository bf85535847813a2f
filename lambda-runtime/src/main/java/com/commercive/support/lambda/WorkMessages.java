package com.commercive.support.lambda;

import com.fasterxml.jackson.core.ErrorReportConfiguration;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The JSON form of work items on the queues (snake_case, unknown fields ignored). */
public final class WorkMessages {
  private static final ObjectMapper JSON =
      JsonMapper.builder(JsonFactory.builder()
              // A parse error quotes the token it could not read, and its message reaches the
              // logs: quote none, so no fragment of a body (an email, a name) is ever logged.
              .errorReportConfiguration(ErrorReportConfiguration.builder()
                  .maxErrorTokenLength(0).maxRawContentLength(0).build())
              .build())
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private WorkMessages() {}

  public static String write(Object item) {
    try {
      return JSON.writeValueAsString(item);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("work items always serialise", e);
    }
  }

  /**
   * @throws IllegalArgumentException for a body that is not such a work item (a poison message:
   *     it fails every time and ends in the dead-letter queue, where it can be inspected)
   */
  public static <T> T read(String body, Class<T> type) {
    try {
      T item = JSON.readValue(body, type);
      if (item == null) {
        throw new IllegalArgumentException("empty " + type.getSimpleName());
      }
      return item;
    } catch (JsonProcessingException | NullPointerException e) {
      throw new IllegalArgumentException("not a valid " + type.getSimpleName() + ": " + e.getMessage(), e);
    }
  }
}
