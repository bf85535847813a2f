package com.commercive.support.lambda.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;

/**
 * Counts published as CloudWatch's embedded metric format: one JSON line on standard output per
 * call, which Lambda's log pipeline turns into metrics without an API call (locally, the line is
 * just printed). Dimensions are few and fixed per metric (a reason, never a user or a ticket).
 */
public final class EmbeddedMetrics {
  /** The namespace when the function is given none. */
  public static final String DEFAULT_NAMESPACE = "CommerciveSupport";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String namespace;
  private final Clock clock;
  private final PrintStream out;

  /** @param namespace null or blank: {@link #DEFAULT_NAMESPACE} */
  public EmbeddedMetrics(String namespace, Clock clock, PrintStream out) {
    this.namespace = namespace == null || namespace.isBlank() ? DEFAULT_NAMESPACE : namespace;
    this.clock = clock;
    this.out = out;
  }

  /** Publishes {@code counts} (metric name to count) under {@code dimensions} (name to value; may be empty). */
  public void count(Map<String, String> dimensions, Map<String, Long> counts) {
    out.println(line(dimensions, counts));
  }

  String line(Map<String, String> dimensions, Map<String, Long> counts) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode aws = root.putObject("_aws");
    aws.put("Timestamp", clock.millis());
    ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
    directive.put("Namespace", namespace);
    ArrayNode dimensionSet = directive.putArray("Dimensions").addArray();
    dimensions.keySet().forEach(dimensionSet::add);
    ArrayNode metrics = directive.putArray("Metrics");
    counts.keySet().forEach(name -> metrics.addObject().put("Name", name).put("Unit", "Count"));
    dimensions.forEach(root::put);
    counts.forEach(root::put);
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings and numbers always writes", e);
    }
  }
}
