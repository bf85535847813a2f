package com.commercive.support.config;

import static com.commercive.support.resources.EnvironmentVariables.AWS_LAMBDA_LOG_LEVEL;
import static com.commercive.support.resources.EnvironmentVariables.LOG_LEVEL;
import static com.commercive.support.resources.EnvironmentVariables.POWERTOOLS_SERVICE_NAME;

import java.util.Map;
import java.util.Optional;

/**
 * How the functions log: the level of the application's loggers ({@code LOG_LEVEL}, else the level
 * Lambda's logging controls set, {@code AWS_LAMBDA_LOG_LEVEL}, else INFO) and the service's name
 * ({@code POWERTOOLS_SERVICE_NAME}). Read before anything else, since logging starts first.
 */
public record LogSettings(String level, Optional<String> serviceName) {
  public static LogSettings from(Map<String, String> variables) {
    Environment env = new Environment(variables);
    return new LogSettings(
        env.value(LOG_LEVEL).or(() -> env.value(AWS_LAMBDA_LOG_LEVEL)).orElse("INFO"),
        env.value(POWERTOOLS_SERVICE_NAME));
  }
}
