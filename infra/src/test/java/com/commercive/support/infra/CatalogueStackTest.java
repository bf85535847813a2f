package com.commercive.support.infra;

import static com.commercive.support.infra.SupportStackTest.map;
import static com.commercive.support.infra.SupportStackTest.ofType;
import static org.assertj.core.api.Assertions.assertThat;

import com.commercive.support.resources.Catalogue;
import com.commercive.support.resources.EnvironmentVariables;
import com.commercive.support.resources.EventSource;
import com.commercive.support.resources.FunctionEntry;
import com.commercive.support.resources.QueueEntry;
import com.commercive.support.resources.ScheduleEntry;
import com.commercive.support.resources.TableEntry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The stack is the catalogue: each of its functions, queues and tables declared as its entry says. */
class CatalogueStackTest {
  static final String QUEUE_PREFIX = "commercive-support-test";
  static Map<String, Object> resources;

  @BeforeAll
  static void synthesize() {
    resources = SupportStackTest.resourcesOf(SupportStackTest.synth(Map.of("stage", "test", "aiProvider", "bedrock",
        "allowedOrigins", "https://app.commercive.com")));
  }

  @Test
  void everyFunctionHasItsEntrysHandlerSizeServiceNameAndExactlyItsVariables() {
    List<Map<String, Object>> declared = ofType(resources, "AWS::Lambda::Function").stream()
        .filter(fn -> String.valueOf(properties(fn).get("Handler")).startsWith("com.commercive.support."))
        .toList();
    assertThat(declared).hasSameSizeAs(Catalogue.FUNCTIONS);
    for (FunctionEntry entry : Catalogue.FUNCTIONS) {
      Map<String, Object> fn = declared.stream()
          .filter(candidate -> properties(candidate).get("Handler").equals(entry.handler()))
          .findFirst().orElseThrow(() -> new AssertionError("no function runs " + entry.handler()));
      assertThat(fn.get("LogicalId").toString()).as(entry.id()).startsWith(entry.id());
      assertThat(properties(fn)).as(entry.id())
          .containsEntry("MemorySize", entry.memoryMb()).containsEntry("Timeout", entry.timeoutSeconds());
      Map<String, Object> variables = map(map(properties(fn).get("Environment")).get("Variables"));
      assertThat(variables.keySet()).as(entry.id()).containsExactlyInAnyOrderElementsOf(entry.environment());
      assertThat(variables).containsEntry(EnvironmentVariables.POWERTOOLS_SERVICE_NAME, entry.serviceName());
    }
  }

  @Test
  void everyQueueHasItsNameAndConsumersVisibilityAndEveryDeadLetterQueueAnAlarm() {
    for (QueueEntry entry : Catalogue.QUEUES) {
      String queueId = queueNamed(entry.spec().name(QUEUE_PREFIX));
      Map<String, Object> queue = properties(map(resources.get(queueId)));
      assertThat(queue.get("SqsManagedSseEnabled")).isEqualTo(true);
      Catalogue.consumerOf(entry).ifPresent(consumer ->
          assertThat(queue).as(entry.id()).containsEntry("VisibilityTimeout", 6 * consumer.timeoutSeconds()));
      String deadLetters = queueId;
      if (entry.spec().deadLettered()) {
        deadLetters = queueNamed(entry.spec().deadLetterName(QUEUE_PREFIX));
        assertThat(map(queue.get("RedrivePolicy"))).as(entry.id())
            .containsEntry("maxReceiveCount", 5)
            .containsEntry("deadLetterTargetArn", Map.of("Fn::GetAtt", List.of(deadLetters, "Arn")));
      }
      String watched = deadLetters;
      assertThat(ofType(resources, "AWS::CloudWatch::Alarm")).as(entry.id() + "'s dead letters").anySatisfy(alarm -> {
        assertThat(properties(alarm)).containsEntry("MetricName", "ApproximateNumberOfMessagesVisible");
        assertThat(String.valueOf(properties(alarm).get("Dimensions"))).contains(watched);
      });
    }
  }

  @Test
  void everyTableIsDeclaredUnderItsSpecsName() {
    for (TableEntry entry : Catalogue.TABLES) {
      assertThat(ofType(resources, "AWS::DynamoDB::Table")).as(entry.id())
          .anySatisfy(table -> assertThat(properties(table)).containsEntry("TableName", entry.spec().defaultName()));
    }
  }

  @Test
  void everyStreamAndQueueSourceIsAMappingOfItsFunctionsAliasAndNoStreamHasMoreThanTwoReaders() {
    List<Map<String, Object>> mappings = ofType(resources, "AWS::Lambda::EventSourceMapping");
    int expected = 0;
    for (FunctionEntry entry : Catalogue.FUNCTIONS) {
      for (EventSource source : entry.eventSources()) {
        String from;
        if (source instanceof EventSource.TableStream stream) {
          from = tableNamed(stream.table().spec().defaultName());
        } else if (source instanceof EventSource.QueueMessages messages) {
          from = queueNamed(messages.queue().spec().name(QUEUE_PREFIX));
        } else {
          continue;
        }
        expected++;
        assertThat(mappings).as(entry.id() + " reading " + from).anySatisfy(mapping -> {
          assertThat(String.valueOf(properties(mapping).get("EventSourceArn"))).contains(from);
          assertThat(String.valueOf(properties(mapping).get("FunctionName"))).contains(entry.id() + "Live");
        });
      }
    }
    assertThat(mappings).hasSize(expected);
    // DynamoDB throttles a stream's third reader.
    Map<String, Integer> readers = new HashMap<>();
    for (Map<String, Object> mapping : mappings) {
      String source = String.valueOf(properties(mapping).get("EventSourceArn"));
      if (source.contains("StreamArn")) {
        readers.merge(source, 1, Integer::sum);
      }
    }
    assertThat(readers).isNotEmpty().allSatisfy((stream, count) -> assertThat(count).as(stream).isLessThanOrEqualTo(2));
  }

  @Test
  void everyResourceKeepsTheLogicalIdItHadWhenTheStackWasOneConstruct() throws IOException {
    List<String> before = new ArrayList<>();
    try (InputStream in = getClass().getResourceAsStream("/logical-ids-before-the-split.txt")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          before.add(line.strip());
        }
      }
    }
    assertThat(before).hasSizeGreaterThan(100);
    assertThat(resources.keySet()).containsAll(before);
  }

  @Test
  void aFunctionOnAScheduleIsTheTargetOfARuleFiringAsItsEntrySays() {
    // No catalogue function runs on a schedule yet: this one is the notifier's jar under another id.
    App app = new App();
    Stack stack = new Stack(app, "Scheduled");
    InfraConfig config = InfraConfig.from(app.getNode());
    Messaging messaging = new Messaging(stack, "commercive-support-scheduled");
    Data data = new Data(stack, config, messaging.queue(Catalogue.ATTACHMENT_CHECKS));
    ScheduleEntry sweep = new ScheduleEntry("Sweep", "rate(1 minute)");
    FunctionEntry sweeper = new FunctionEntry("Sweeper", "sweeper", "notifier",
        "com.commercive.support.notifier.NotifierHandler", 512, 30, "commercive-support-sweeper",
        List.of(EventSource.firingsOf(sweep)), List.of());
    Functions functions = new Functions(stack, List.of(sweeper), Path.of(System.getProperty("functions.dir", "..")),
        System.getProperty("project.version", "1.0.0-SNAPSHOT"), Map.of());
    functions.connectEventSources(data, messaging);

    Template template = Template.fromStack(stack);
    template.hasResourceProperties("AWS::Events::Rule", Map.of("ScheduleExpression", "rate(1 minute)",
        "Targets", List.of(Match.objectLike(Map.of("Arn", Map.of("Ref", Match.stringLikeRegexp(".*SweeperLive.*")))))));
    template.hasResourceProperties("AWS::Lambda::Permission", Map.of("Principal", "events.amazonaws.com"));
  }

  private static String queueNamed(String name) {
    return ofType(resources, "AWS::SQS::Queue").stream()
        .filter(queue -> name.equals(properties(queue).get("QueueName")))
        .map(queue -> queue.get("LogicalId").toString())
        .findFirst().orElseThrow(() -> new AssertionError("no queue " + name));
  }

  private static String tableNamed(String name) {
    return ofType(resources, "AWS::DynamoDB::Table").stream()
        .filter(table -> name.equals(properties(table).get("TableName")))
        .map(table -> table.get("LogicalId").toString())
        .findFirst().orElseThrow(() -> new AssertionError("no table " + name));
  }

  private static Map<String, Object> properties(Map<String, Object> resource) {
    return map(resource.get("Properties"));
  }
}
