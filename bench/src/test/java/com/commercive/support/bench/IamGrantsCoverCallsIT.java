package com.commercive.support.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every AWS call a function made while the end-to-end tests (local) and the deployment-package
 * tests (this module) ran, recorded by core's {@code AwsCallRecorder}, must be allowed by the IAM
 * policy the stack gives that function, on that resource. A function that gains a call without a
 * grant fails the build here (issue 13: the AI worker's rate counters had no grant). Runs last in
 * this module (failsafe's reverse alphabetical order), after {@link LambdaJarsIT}.
 */
class IamGrantsCoverCallsIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Path FUNCTIONS = Path.of(System.getProperty("functions.dir", ".."));
  /** The local runner's and the jars' function names, and the stack's logical ids for them. */
  static final Map<String, String> FUNCTION_IDS = Map.of(
      "api-handler", "Api", "stream-processor", "StreamProcessor", "ai-worker", "AiWorker", "notifier", "Notifier",
      "attachment-checker", "AttachmentChecker", "attachment-expirer", "AttachmentExpirer",
      "websocket", "WebSocket", "live-updates", "LiveUpdates", "ai-response", "AiResponse");
  /** The SDK's service names and IAM's action prefixes (S3's presigner names its service in lower case). */
  static final Map<String, String> SERVICES = Map.of(
      "DynamoDb", "dynamodb", "Sqs", "sqs", "Ses", "ses", "SesV2", "ses", "BedrockRuntime", "bedrock",
      "SecretsManager", "secretsmanager", "S3", "s3", "s3", "s3", "ApiGatewayManagementApi", "execute-api");
  /**
   * What a function authorises without calling AWS: a browser's upload with the form the API
   * signs is S3's PutObject as the API's role, on the attachment's quarantine key.
   */
  static final List<String[]> SIGNED = List.<String[]>of(new String[] {"api-handler", "s3:PutObject", "quarantine"});

  record Call(String function, String service, String operation, List<String> resources) {}

  /** A WebSocket API's connections, as a grant names them: {@code <api>/<stage>/<method>/@connections/*}. */
  static final String CONNECTIONS = "@connections";

  static List<Call> recordedCalls() throws IOException {
    List<Call> calls = new ArrayList<>();
    for (Path file : List.of(FUNCTIONS.resolve("local/target/aws-calls.jsonl"), Path.of("target/aws-calls.jsonl"))) {
      if (!Files.exists(file)) {
        continue;
      }
      for (String line : Files.readAllLines(file)) {
        JsonNode call = JSON.readTree(line);
        List<String> resources = new ArrayList<>();
        call.get("resources").forEach(r -> resources.add(r.asText()));
        calls.add(new Call(call.get("function").asText(), call.get("service").asText(),
            call.get("operation").asText(), resources));
      }
    }
    return calls;
  }

  @Test
  void everyRecordedCallIsAllowedByItsFunctionsPolicy() throws IOException {
    JsonNode template = JSON.readTree(FUNCTIONS.resolve("infra/target/cdk.out/CommerciveSupport-dev.template.json").toFile());
    List<Call> calls = recordedCalls();
    Set<String> functionsSeen = new TreeSet<>();
    Set<String> distinct = new LinkedHashSet<>();
    List<String> denied = new ArrayList<>();
    for (String[] signed : SIGNED) {
      Requirement needed = new Requirement(signed[1], bucketId(template) + "/" + signed[2] + "/*");
      if (distinct.add(signed[0] + " " + needed) && !allowed(template, FUNCTION_IDS.get(signed[0]), needed)) {
        denied.add(signed[0] + " " + needed + " (signed)");
      }
    }
    for (Call call : calls) {
      functionsSeen.add(call.function());
      for (Requirement needed : requirements(call, template)) {
        String key = call.function() + " " + needed;
        if (distinct.add(key) && !allowed(template, FUNCTION_IDS.get(call.function()), needed)) {
          denied.add(key);
        }
      }
    }
    System.out.printf("IAM check: %d recorded calls, %d distinct action-resource pairs across %s%n",
        calls.size(), distinct.size(), functionsSeen);
    // The check means something only if every function was exercised.
    assertThat(functionsSeen).containsAll(FUNCTION_IDS.keySet());
    assertThat(denied).as("calls the stack's IAM does not allow").isEmpty();
  }

  /** An IAM action on a resource of the template (a logical id, and a suffix such as /index/*). */
  record Requirement(String action, String resource) {
    @Override
    public String toString() {
      return action + " on " + resource;
    }
  }

  static List<Requirement> requirements(Call call, JsonNode template) {
    String prefix = SERVICES.get(call.service());
    assertThat(prefix).as("a service the check knows: %s", call.service()).isNotNull();
    String action = switch (call.operation()) {
      case "Converse", "ConverseStream" -> "bedrock:InvokeModel";
      // S3 authorises these under other actions' names.
      case "HeadObject" -> "s3:GetObject";
      case "CopyObject" -> "s3:PutObject";
      case "PostToConnection", "DeleteConnection", "GetConnection" -> "execute-api:ManageConnections";
      default -> prefix + ":" + call.operation();
    };
    List<Requirement> needed = new ArrayList<>();
    for (String resource : call.resources()) {
      int colon = resource.indexOf(':');
      String kind = resource.substring(0, colon);
      String name = resource.substring(colon + 1);
      switch (kind) {
        case "table" -> {
          if (!call.operation().equals("TransactWriteItems")) {
            needed.add(new Requirement(action, tableId(template, name)));
          }
        }
        case "index" -> needed.add(new Requirement(action,
            tableId(template, name.substring(0, name.indexOf('/'))) + "/index/*"));
        case "transact-Put", "transact-Update", "transact-Delete", "transact-ConditionCheck" -> needed.add(
            new Requirement("dynamodb:" + kind.substring("transact-".length()) + "Item", tableId(template, name)));
        case "queue" -> needed.add(new Requirement(action, queueId(template, name)));
        case "identity" -> needed.add(new Requirement(action, ":identity/"));
        case "model" -> needed.add(new Requirement(action, "foundation-model/" + name));
        case "secret" -> needed.add(new Requirement(action, "Secret"));
        case "object", "copy-destination" -> needed.add(new Requirement(action, objectResource(template, name)));
        case "copy-source" -> needed.add(new Requirement("s3:GetObject", objectResource(template, name)));
        case "connection" -> needed.add(new Requirement(action, CONNECTIONS));
        default -> needed.add(new Requirement(action, resource));
      }
    }
    return needed;
  }

  /** The attachments bucket's logical id (the stack has one bucket; locally it has a fixed name). */
  static String bucketId(JsonNode template) {
    for (Map.Entry<String, JsonNode> resource : template.get("Resources").properties()) {
      if (resource.getValue().get("Type").asText().equals("AWS::S3::Bucket")) {
        return resource.getKey();
      }
    }
    throw new AssertionError("the stack has no bucket");
  }

  /** "bucket/prefix/rest" as the bucket's logical id and the key's first segment: "Bucket/prefix/*". */
  static String objectResource(JsonNode template, String bucketAndKey) {
    String key = bucketAndKey.substring(bucketAndKey.indexOf('/') + 1);
    return bucketId(template) + "/" + key.substring(0, key.indexOf('/') + 1) + "*";
  }

  /** The logical id of the table whose name the recorded (possibly prefixed) name ends with. */
  static String tableId(JsonNode template, String recordedName) {
    for (Map.Entry<String, JsonNode> resource : template.get("Resources").properties()) {
      if (resource.getValue().get("Type").asText().equals("AWS::DynamoDB::Table")
          && recordedName.endsWith(resource.getValue().at("/Properties/TableName").asText())) {
        return resource.getKey();
      }
    }
    throw new AssertionError("no table of the stack is called like " + recordedName);
  }

  /**
   * The logical id of the queue a recorded queue URL names: local names lack the stack's stage
   * ("commercive-support-notifications" is "commercive-support-dev-notifications").
   */
  static String queueId(JsonNode template, String url) {
    String name = url.substring(url.lastIndexOf('/') + 1).replaceFirst("^commercive-support-", "");
    for (Map.Entry<String, JsonNode> resource : template.get("Resources").properties()) {
      if (resource.getValue().get("Type").asText().equals("AWS::SQS::Queue")
          && resource.getValue().at("/Properties/QueueName").asText().endsWith("-" + name)) {
        return resource.getKey();
      }
    }
    throw new AssertionError("no queue of the stack is called like " + name);
  }

  /** Whether a statement of the function's policies allows the action on the resource. */
  static boolean allowed(JsonNode template, String functionId, Requirement needed) {
    for (JsonNode resource : template.get("Resources")) {
      if (!resource.get("Type").asText().equals("AWS::IAM::Policy")
          || !resource.at("/Properties/Roles").toString().contains(functionId + "ServiceRole")) {
        continue;
      }
      for (JsonNode statement : resource.at("/Properties/PolicyDocument/Statement")) {
        if (!statement.path("Effect").asText().equals("Allow") || !matches(statement.get("Action"), needed.action())) {
          continue;
        }
        JsonNode resources = statement.get("Resource");
        for (JsonNode one : resources.isArray() ? resources : JSON.createArrayNode().add(resources)) {
          String text = one.toString();
          if (needed.resource().equals(CONNECTIONS)) {
            if (text.contains("/@connections/")) {
              return true;
            }
            continue;
          }
          boolean index = needed.resource().endsWith("/index/*");
          boolean object = !index && needed.resource().contains("/") && !needed.resource().startsWith(":");
          String target = index || object
              ? needed.resource().substring(0, needed.resource().indexOf('/')) : needed.resource();
          if (object) {
            // An object grant names the bucket and the key prefix: "<Bucket.Arn>/quarantine/*".
            String prefix = needed.resource().substring(needed.resource().indexOf('/'));
            if (text.contains(target) && text.contains(prefix + "\"")) {
              return true;
            }
          } else if (text.equals("\"*\"") || (text.contains(target) && text.contains("/index/*") == index)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  static boolean matches(JsonNode actions, String action) {
    for (JsonNode one : actions.isArray() ? actions : JSON.createArrayNode().add(actions)) {
      String allowed = one.asText();
      if (allowed.equals(action) || allowed.equals("*")
          || (allowed.endsWith("*") && action.startsWith(allowed.substring(0, allowed.length() - 1)))) {
        return true;
      }
    }
    return false;
  }
}
