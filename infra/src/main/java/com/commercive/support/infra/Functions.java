package com.commercive.support.infra;

import com.commercive.support.resources.Catalogue;
import com.commercive.support.resources.EnvironmentVariables;
import com.commercive.support.resources.EventSource;
import com.commercive.support.resources.FunctionEntry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.FilterCriteria;
import software.amazon.awscdk.services.lambda.FilterRule;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.StartingPosition;
import software.amazon.awscdk.services.lambda.eventsources.DynamoEventSource;
import software.amazon.awscdk.services.lambda.eventsources.DynamoEventSourceProps;
import software.amazon.awscdk.services.lambda.eventsources.SqsDlq;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSourceProps;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * The catalogue's functions (or, in tests, other entries), each declared the one way: Java 21 on arm64 with SnapStart, its
 * shaded jar, a month of logs, a {@code live} alias that event sources and APIs call, and exactly
 * the environment variables its entry lists.
 */
final class Functions extends StackPart {
  static final String METRICS_NAMESPACE = "CommerciveSupport";

  private final List<FunctionEntry> entries;
  private final Map<FunctionEntry, Function> functions = new LinkedHashMap<>();
  private final Map<FunctionEntry, Alias> aliases = new LinkedHashMap<>();
  private final Map<FunctionEntry, List<String>> unset = new LinkedHashMap<>();

  /**
   * @param values the variables' values known now (resources' names, settings); the others come
   *     through {@link #provide} once what they name exists
   */
  Functions(Construct scope, List<FunctionEntry> entries, Path functionsDir, String version,
      Map<String, String> values) {
    super(scope, "Functions");
    this.entries = List.copyOf(entries);
    for (FunctionEntry entry : entries) {
      declare(entry, functionsDir, version, values);
    }
  }

  Function function(FunctionEntry entry) {
    return functions.get(entry);
  }

  List<FunctionEntry> entries() {
    return entries;
  }

  Alias alias(FunctionEntry entry) {
    return aliases.get(entry);
  }

  Map<FunctionEntry, Function> functions() {
    return functions;
  }

  /** The one function {@code source} reaches (the HTTP API's, the WebSocket API's). */
  FunctionEntry reachedBy(EventSource source) {
    List<FunctionEntry> reached = entries.stream().filter(fn -> fn.eventSources().contains(source)).toList();
    if (reached.size() != 1) {
      throw new IllegalStateException(source + " must reach exactly one function, not " + reached.size());
    }
    return reached.get(0);
  }

  /** Gives {@code variable} to every function whose entry lists it. */
  void provide(String variable, String value) {
    unset.forEach((entry, missing) -> {
      if (missing.remove(variable)) {
        functions.get(entry).addEnvironment(variable, value);
      }
    });
  }

  /** @throws IllegalStateException naming a function and a variable its entry lists that nothing gave it */
  void requireEveryVariable() {
    unset.forEach((entry, missing) -> {
      if (!missing.isEmpty()) {
        throw new IllegalStateException(entry.id() + " lists " + missing + " but the stack gives no value");
      }
    });
  }

  /**
   * Connects the streams, queues and schedules of each entry's event sources to its alias: every
   * stream mapping alike, from the newest record, in order (one batch per shard at a time), failed
   * records bisected and retried three times within the hour, then sent to the stream failures'
   * queue; queues in the entry's batches, failed messages reported one by one; a schedule as an
   * EventBridge rule.
   */
  void connectEventSources(Data data, Messaging messaging) {
    IQueue streamFailures = messaging.queue(Catalogue.STREAM_FAILURES);
    for (FunctionEntry entry : entries) {
      Alias alias = aliases.get(entry);
      for (EventSource source : entry.eventSources()) {
        if (source instanceof EventSource.TableStream stream) {
          var props = DynamoEventSourceProps.builder()
              .startingPosition(StartingPosition.LATEST).batchSize(100)
              .bisectBatchOnError(true).retryAttempts(3).maxRecordAge(Duration.hours(1))
              .parallelizationFactor(1).reportBatchItemFailures(true)
              .onFailure(new SqsDlq(streamFailures));
          if (stream.expiriesOnly()) {
            props.filters(List.of(expiries()));
          }
          alias.addEventSource(new DynamoEventSource(data.table(stream.table()), props.build()));
        } else if (source instanceof EventSource.QueueMessages messages) {
          var props = SqsEventSourceProps.builder().batchSize(messages.batchSize())
              .reportBatchItemFailures(true).maxConcurrency(messages.maxConcurrency());
          if (messages.batchingWindowSeconds() > 0) {
            props.maxBatchingWindow(Duration.seconds(messages.batchingWindowSeconds()));
          }
          alias.addEventSource(new SqsEventSource(messaging.queue(messages.queue()), props.build()));
        } else if (source instanceof EventSource.Scheduled scheduled) {
          Rule.Builder.create(this, scheduled.schedule().id())
              .schedule(Schedule.expression(scheduled.schedule().expression()))
              .targets(List.of(new LambdaFunction(alias))).build();
        }
        // The HTTP and WebSocket APIs integrate the alias themselves (Apis).
      }
    }
  }

  /**
   * DynamoDB's own removals of expired items (its time to live), not a function's deletes. Ordered
   * maps: with {@code Map.of} the pattern's JSON came out in another order on each run, and every
   * synthesis looked like a change to the mapping.
   */
  private static Map<String, Object> expiries() {
    Map<String, Object> deleter = new LinkedHashMap<>();
    deleter.put("type", FilterRule.isEqual("Service"));
    deleter.put("principalId", FilterRule.isEqual("dynamodb.amazonaws.com"));
    Map<String, Object> pattern = new LinkedHashMap<>();
    pattern.put("eventName", FilterRule.isEqual("REMOVE"));
    pattern.put("userIdentity", deleter);
    return FilterCriteria.filter(pattern);
  }

  private void declare(FunctionEntry entry, Path functionsDir, String version, Map<String, String> values) {
    Map<String, String> environment = new HashMap<>();
    List<String> missing = new ArrayList<>();
    for (String variable : entry.variables()) {
      if (values.containsKey(variable)) {
        environment.put(variable, values.get(variable));
      } else {
        missing.add(variable);
      }
    }
    environment.put(EnvironmentVariables.POWERTOOLS_SERVICE_NAME, entry.serviceName());
    environment.put(EnvironmentVariables.POWERTOOLS_METRICS_NAMESPACE, METRICS_NAMESPACE);
    environment.put(EnvironmentVariables.LOG_LEVEL, "INFO");
    // Tiered compilation stopped at C1: the usual cold-start trade-off for short Lambda calls.
    environment.put(EnvironmentVariables.JAVA_TOOL_OPTIONS, "-XX:+TieredCompilation -XX:TieredStopAtLevel=1");
    Path jar = functionsDir.resolve(entry.module()).resolve("target")
        .resolve(entry.module() + "-" + version + "-lambda.jar");
    Function fn = Function.Builder.create(this, entry.id())
        .runtime(Runtime.JAVA_21).architecture(Architecture.ARM_64)
        .handler(entry.handler()).code(Code.fromAsset(jar.toString()))
        .memorySize(entry.memoryMb()).timeout(Duration.seconds(entry.timeoutSeconds()))
        .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
        .logGroup(LogGroup.Builder.create(this, entry.id() + "Logs").retention(RetentionDays.ONE_MONTH)
            .removalPolicy(RemovalPolicy.DESTROY).build())
        .environment(environment)
        .build();
    functions.put(entry, fn);
    aliases.put(entry, Alias.Builder.create(this, entry.id() + "Live").aliasName("live")
        .version(fn.getCurrentVersion()).build());
    unset.put(entry, missing);
  }
}
