package com.commercive.support.api;

import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/** Metrics as CloudWatch embedded metric format through Powertools. */
public final class PowertoolsApiMetrics implements ApiMetrics {
  static final String DEFAULT_NAMESPACE = "CommerciveSupport";
  static final String DEFAULT_SERVICE = "commercive-support-api";

  private final Metrics metrics;
  private final String namespace;
  private final String serviceName;
  /** Whether this invocation recorded anything: an empty flush only adds a warning to the log. */
  private final ThreadLocal<Boolean> recorded = ThreadLocal.withInitial(() -> false);

  /**
   * @param namespace the configured namespace, or null for {@value #DEFAULT_NAMESPACE}
   * @param serviceName the configured service name, or null for {@value #DEFAULT_SERVICE}
   */
  public PowertoolsApiMetrics(String namespace, String serviceName) {
    this.metrics = MetricsFactory.getMetricsInstance();
    this.namespace = namespace == null || namespace.isBlank() ? DEFAULT_NAMESPACE : namespace;
    this.serviceName =
        serviceName == null || serviceName.isBlank() ? DEFAULT_SERVICE : serviceName;
    metrics.setNamespace(this.namespace);
    metrics.setDefaultDimensions(DimensionSet.of("Service", this.serviceName));
  }

  @Override
  public void ticketCreated() {
    metrics.addMetric("TicketsCreated", 1, MetricUnit.COUNT);
    recorded.set(true);
  }

  @Override
  public void messagePosted(String senderType) {
    metrics.addMetric("MessagesPosted", 1, MetricUnit.COUNT);
    recorded.set(true);
    metrics.flushSingleMetric(
        "MessagesPostedBySender", 1, MetricUnit.COUNT, namespace, with("SenderType", senderType));
  }

  @Override
  public void assistantAnswered(String topic, boolean handoff) {
    metrics.addMetric(handoff ? "AssistantHandoffs" : "AssistantAnswers", 1, MetricUnit.COUNT);
    recorded.set(true);
    metrics.flushSingleMetric("AssistantAnswersByTopic", 1, MetricUnit.COUNT, namespace, with("Topic", topic));
  }

  @Override
  public void error(String kind, int status) {
    metrics.addMetric(status >= 500 ? "ServerErrors" : "ClientErrors", 1, MetricUnit.COUNT);
    recorded.set(true);
    metrics.flushSingleMetric("Errors", 1, MetricUnit.COUNT, namespace, with("ErrorKind", kind));
  }

  @Override
  public void flush() {
    if (recorded.get()) {
      recorded.set(false);
      metrics.flush();
    }
  }

  private DimensionSet with(String name, String value) {
    return DimensionSet.of("Service", serviceName, name, value);
  }
}
