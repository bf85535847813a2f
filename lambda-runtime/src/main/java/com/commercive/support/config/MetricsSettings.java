package com.commercive.support.config;

import static com.commercive.support.resources.EnvironmentVariables.POWERTOOLS_METRICS_NAMESPACE;
import static com.commercive.support.resources.EnvironmentVariables.POWERTOOLS_SERVICE_NAME;

/** The names the API's metrics are published under ({@code POWERTOOLS_SERVICE_NAME}, {@code POWERTOOLS_METRICS_NAMESPACE}); null when unset. */
public record MetricsSettings(String serviceName, String namespace) {
  public static MetricsSettings from(Environment env) {
    return new MetricsSettings(
        env.value(POWERTOOLS_SERVICE_NAME).orElse(null), env.value(POWERTOOLS_METRICS_NAMESPACE).orElse(null));
  }
}
