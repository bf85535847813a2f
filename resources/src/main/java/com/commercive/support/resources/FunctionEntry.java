package com.commercive.support.resources;

import java.util.ArrayList;
import java.util.List;

/**
 * A function in the catalogue.
 *
 * @param id the id the stack declares it under (its role, alias and alarms are named after it)
 * @param name its name in logs, the local runner and the recorded AWS calls
 * @param module the Maven module whose {@code -lambda.jar} holds it (two functions may share one)
 * @param handlerClass the class Lambda calls {@code handleRequest} on
 * @param serviceName the name its logs and metrics are published under
 * @param eventSources what runs it
 * @param variables the environment variables the stack gives it beyond {@link #COMMON_VARIABLES}:
 *     its resources' names and its settings
 */
public record FunctionEntry(String id, String name, String module, String handlerClass, int memoryMb,
    int timeoutSeconds, String serviceName, List<EventSource> eventSources, List<String> variables) {

  /** Set on every function: its logs' level, its service name and metrics namespace, the JVM's flags. */
  public static final List<String> COMMON_VARIABLES = List.of(EnvironmentVariables.LOG_LEVEL,
      EnvironmentVariables.POWERTOOLS_SERVICE_NAME, EnvironmentVariables.POWERTOOLS_METRICS_NAMESPACE,
      EnvironmentVariables.JAVA_TOOL_OPTIONS);

  public FunctionEntry {
    eventSources = List.copyOf(eventSources);
    variables = List.copyOf(variables);
    if (variables.stream().distinct().count() != variables.size()) {
      throw new IllegalArgumentException(id + " lists a variable twice");
    }
  }

  /** What Lambda calls. */
  public String handler() {
    return handlerClass + "::handleRequest";
  }

  /** Every variable the function is given: {@link #COMMON_VARIABLES} and its own. */
  public List<String> environment() {
    List<String> all = new ArrayList<>(COMMON_VARIABLES);
    all.addAll(variables);
    return List.copyOf(all);
  }
}
