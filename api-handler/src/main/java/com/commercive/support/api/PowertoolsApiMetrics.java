package com.commercive.support.api;

import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/** Metrics as CloudWatch embedded metric format through Powertools. */
public final class PowertoolsApiMetrics implements ApiMetrics {
  static final String DEFAULT_NAMESPACE = "CommerciveSupport";

  private final Metrics metrics;
  private final String namespace;

  /** @param namespace the configured namespace, or null for {@value #DEFAULT_NAMESPACE} */
  public PowertoolsApiMetrics(String namespace) {
    this.metrics = MetricsFactory.getMetricsInstance();
    this.namespace = namespace == null || namespace.isBlank() ? DEFAULT_NAMESPACE : namespace;
    metrics.setNamespace(this.namespace);
  }

  @Override
  public void ticketCreated() {
    metrics.addMetric("TicketsCreated", 1, MetricUnit.COUNT);
  }

  @Override
  public void messagePosted(String senderType) {
    metrics.addMetric("MessagesPosted", 1, MetricUnit.COUNT);
    metrics.flushSingleMetric(
        "MessagesPostedBySender", 1, MetricUnit.COUNT, namespace,
        DimensionSet.of("SenderType", senderType));
  }

  @Override
  public void error(String kind, int status) {
    metrics.addMetric(status >= 500 ? "ServerErrors" : "ClientErrors", 1, MetricUnit.COUNT);
    metrics.flushSingleMetric(
        "Errors", 1, MetricUnit.COUNT, namespace, DimensionSet.of("ErrorKind", kind));
  }

  @Override
  public void flush() {
    metrics.flush();
  }
}
