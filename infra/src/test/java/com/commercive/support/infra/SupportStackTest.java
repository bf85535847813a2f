package com.commercive.support.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The synthesized CloudFormation, with the real shaded jars, asserted offline. */
class SupportStackTest {
  static Template template;
  static Map<String, Object> resources;

  static Template synth(Map<String, Object> context) {
    App app = new App(AppProps.builder().context(context).build());
    SupportStack stack = new SupportStack(app, "Test",
        StackProps.builder().env(Environment.builder().account("123456789012").region("us-east-1").build()).build(),
        InfraConfig.from(app.getNode()), Path.of(System.getProperty("functions.dir", "..")),
        System.getProperty("project.version", "1.0.0-SNAPSHOT"));
    return Template.fromStack(stack);
  }

  @BeforeAll
  static void synthesize() {
    template = synth(Map.of("stage", "test", "aiProvider", "bedrock", "adminEmails", "a@commercive.com,b@commercive.com",
        "allowedOrigins", "https://app.commercive.com"));
    resources = resourcesOf(template);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> resourcesOf(Template t) {
    return (Map<String, Object>) t.toJSON().get("Resources");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  static List<Map<String, Object>> ofType(Map<String, Object> all, String type) {
    List<Map<String, Object>> found = new ArrayList<>();
    all.forEach((id, r) -> {
      if (type.equals(map(r).get("Type"))) {
        Map<String, Object> copy = new HashMap<>(map(r));
        copy.put("LogicalId", id);
        found.add(copy);
      }
    });
    return found;
  }

  /** The actions each function's role may perform, as "action on resource" strings. */
  static String policyOf(String functionId) {
    StringBuilder text = new StringBuilder();
    for (Map<String, Object> policy : ofType(resources, "AWS::IAM::Policy")) {
      String roles = String.valueOf(map(policy.get("Properties")).get("Roles"));
      if (roles.contains(functionId + "ServiceRole")) {
        text.append(map(policy.get("Properties")).get("PolicyDocument"));
      }
    }
    return text.toString();
  }

  @Test
  void tablesAreOnDemandRecoverableKeptAndStreamed() {
    template.resourceCountIs("AWS::DynamoDB::Table", 9);
    template.hasResource("AWS::DynamoDB::Table", Map.of(
        "DeletionPolicy", "Retain",
        "Properties", Map.of(
            "TableName", "commercive_support_tickets",
            "BillingMode", "PAY_PER_REQUEST",
            "DeletionProtectionEnabled", true,
            "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true),
            "StreamSpecification", Map.of("StreamViewType", "NEW_AND_OLD_IMAGES"),
            "GlobalSecondaryIndexes", Match.arrayWith(List.of(
                Match.objectLike(Map.of("IndexName", "user-tickets-index")),
                Match.objectLike(Map.of("IndexName", "user-status-tickets-index")),
                Match.objectLike(Map.of("IndexName", "status-updated-index")),
                Match.objectLike(Map.of("IndexName", "assignee-status-updated-index")))))));
    template.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
        "TableName", "commercive_support_messages",
        "StreamSpecification", Map.of("StreamViewType", "NEW_AND_OLD_IMAGES"),
        "GlobalSecondaryIndexes", List.of(Match.objectLike(Map.of("IndexName", "ticket-messages-index")))));
    template.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
        "TableName", "commercive_support_idempotency",
        "TimeToLiveSpecification", Map.of("AttributeName", "expires_at", "Enabled", true)));
    template.hasResource("AWS::DynamoDB::Table", Map.of("DeletionPolicy", "Retain", "Properties", Map.of(
        "TableName", "commercive_support_canned_responses",
        "KeySchema", List.of(Map.of("AttributeName", "canned_response_id", "KeyType", "HASH")),
        "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true))));
    template.hasResource("AWS::DynamoDB::Table", Map.of("DeletionPolicy", "Retain", "Properties", Map.of(
        "TableName", "commercive_support_agents",
        "KeySchema", List.of(Map.of("AttributeName", "agent_id", "KeyType", "HASH")))));
    template.hasResource("AWS::DynamoDB::Table", Map.of("DeletionPolicy", "Retain", "Properties", Map.of(
        "TableName", "commercive_support_attachments",
        "KeySchema", List.of(Map.of("AttributeName", "attachment_id", "KeyType", "HASH")),
        "TimeToLiveSpecification", Map.of("AttributeName", "expires_at", "Enabled", true),
        "StreamSpecification", Map.of("StreamViewType", "NEW_AND_OLD_IMAGES"))));
  }

  @Test
  void anExistingUsersTableIsImportedNotCreated() {
    Template imported = synth(Map.of("existingUsersTable", "commercive_users"));
    imported.resourceCountIs("AWS::DynamoDB::Table", 8);
  }

  @Test
  void queuesAreEncryptedWithDeadLetterQueuesAndLongEnoughVisibility() {
    template.resourceCountIs("AWS::SQS::Queue", 9);
    template.hasResourceProperties("AWS::SQS::Queue", Map.of(
        "QueueName", "commercive-support-test-attachment-checks", "VisibilityTimeout", 180,
        "RedrivePolicy", Match.objectLike(Map.of("maxReceiveCount", 5))));
    template.hasResourceProperties("AWS::SQS::Queue", Map.of(
        "QueueName", "commercive-support-test-ai-jobs.fifo", "FifoQueue", true,
        "SqsManagedSseEnabled", true, "VisibilityTimeout", 360,
        "RedrivePolicy", Match.objectLike(Map.of("maxReceiveCount", 5))));
    template.hasResourceProperties("AWS::SQS::Queue", Map.of(
        "QueueName", "commercive-support-test-notifications", "VisibilityTimeout", 180,
        "RedrivePolicy", Match.objectLike(Map.of("maxReceiveCount", 5))));
    for (Map<String, Object> queue : ofType(resources, "AWS::SQS::Queue")) {
      assertThat(map(queue.get("Properties")).get("SqsManagedSseEnabled")).as(queue.get("LogicalId").toString()).isEqualTo(true);
    }
  }

  @Test
  void elevenJavaFunctionsOnArmWithSnapStartBehindAliases() {
    // Plus CDK's own handler that sets the bucket's notifications when the stack deploys.
    template.resourceCountIs("AWS::Lambda::Function", 12);
    template.resourceCountIs("AWS::Lambda::Alias", 11);
    for (Map<String, Object> fn : javaFunctions()) {
      Map<String, Object> props = map(fn.get("Properties"));
      assertThat(props.get("Runtime")).isEqualTo("java21");
      assertThat(props.get("Architectures")).isEqualTo(List.of("arm64"));
      assertThat(props.get("SnapStart")).isEqualTo(Map.of("ApplyOn", "PublishedVersions"));
      Map<String, Object> env = map(map(props.get("Environment")).get("Variables"));
      assertThat(env).containsKeys("POWERTOOLS_SERVICE_NAME", "POWERTOOLS_METRICS_NAMESPACE", "LOG_LEVEL");
    }
    assertThat(javaFunctions()).hasSize(11);
    template.hasResourceProperties("AWS::Lambda::Function", Map.of(
        "Handler", "com.commercive.support.api.ApiHandler::handleRequest", "MemorySize", 1024, "Timeout", 15));
    template.hasResourceProperties("AWS::Lambda::Function", Map.of(
        "Handler", "com.commercive.support.airesponse.AiResponseHandler::handleRequest", "MemorySize", 1024));
  }

  @Test
  void noSecretIsInTheTemplateInPlaintext() {
    template.resourceCountIs("AWS::SecretsManager::Secret", 1);
    template.hasResourceProperties("AWS::SecretsManager::Secret", Map.of(
        "GenerateSecretString", Match.objectLike(Map.of("PasswordLength", 64))));
    for (Map<String, Object> fn : javaFunctions()) {
      Map<String, Object> env = map(map(map(fn.get("Properties")).get("Environment")).get("Variables"));
      assertThat(env).doesNotContainKeys("JWT_SECRET", "OPENAI_API_KEY", "AWS_SECRET_ACCESS_KEY");
    }
    template.hasResourceProperties("AWS::Lambda::Function", Map.of(
        "Environment", Map.of("Variables", Match.objectLike(Map.of("JWT_SECRET_ARN", Match.anyValue())))));
    assertThat(policyOf("Api")).contains("secretsmanager:GetSecretValue");
    assertThat(policyOf("Notifier")).doesNotContain("secretsmanager");
  }

  @Test
  void streamMappingsKeepOrderRetryBoundedlyAndHaveAFailureDestination() {
    template.resourcePropertiesCountIs("AWS::Lambda::EventSourceMapping", Map.of(
        "StartingPosition", "LATEST", "BisectBatchOnFunctionError", true, "MaximumRetryAttempts", 3,
        "MaximumRecordAgeInSeconds", 3600, "ParallelizationFactor", 1, "BatchSize", 100,
        "FunctionResponseTypes", List.of("ReportBatchItemFailures"),
        "DestinationConfig", Map.of("OnFailure", Match.objectLike(Map.of("Destination", Match.anyValue())))), 6);
    // The attachments' stream reaches its function only with DynamoDB's own (time-to-live) removals.
    Map<String, Object> ttlRemovals = Map.of("eventName", List.of("REMOVE"),
        "userIdentity", Map.of("type", List.of("Service"), "principalId", List.of("dynamodb.amazonaws.com")));
    template.hasResourceProperties("AWS::Lambda::EventSourceMapping", Map.of("FilterCriteria",
        Map.of("Filters", List.of(Map.of("Pattern", Match.serializedJson(ttlRemovals))))));
    template.resourcePropertiesCountIs("AWS::Lambda::EventSourceMapping", Map.of(
        "BatchSize", 10, "FunctionResponseTypes", List.of("ReportBatchItemFailures"),
        "ScalingConfig", Map.of("MaximumConcurrency", 5)), 3);
  }

  @Test
  void theHttpApiUsesPayloadTwoWithThrottlingAndTheSameCorsAllowList() {
    template.hasResourceProperties("AWS::ApiGatewayV2::Api", Map.of(
        "ProtocolType", "HTTP",
        "CorsConfiguration", Match.objectLike(Map.of(
            "AllowOrigins", List.of("https://app.commercive.com"), "AllowCredentials", true,
            "AllowHeaders", List.of("Content-Type", "Authorization", "Idempotency-Key", "If-Match"),
            "ExposeHeaders", Match.arrayWith(List.of("ETag", "Idempotent-Replayed"))))));
    template.hasResourceProperties("AWS::ApiGatewayV2::Integration", Map.of("PayloadFormatVersion", "2.0"));
    template.hasResourceProperties("AWS::ApiGatewayV2::Stage", Map.of(
        "StageName", "$default",
        "DefaultRouteSettings", Map.of("ThrottlingRateLimit", 100, "ThrottlingBurstLimit", 200)));
    template.resourceCountIs("AWS::Lambda::Url", 0);
  }

  /** Issue 28: the assistant's handoff threshold reaches the functions that answer, and only a number from 0 to 1 does. */
  @Test
  void theHandoffThresholdIsASettingOfTheFunctionsThatAnswer() {
    assertThat(environmentOf("AiResponse")).containsEntry("ASSISTANT_HANDOFF_THRESHOLD", "");
    assertThat(environmentOf("AiWorker")).containsEntry("ASSISTANT_HANDOFF_THRESHOLD", "");
    assertThat(environmentOf("Api")).doesNotContainKey("ASSISTANT_HANDOFF_THRESHOLD");
    Template chosen = synth(Map.of("assistantHandoffThreshold", "0.7"));
    assertThat(chosen.toJSON().toString()).contains("ASSISTANT_HANDOFF_THRESHOLD=0.7");
    assertThatThrownBy(() -> synth(Map.of("assistantHandoffThreshold", "1.5")))
        .hasMessageContaining("assistantHandoffThreshold");
  }

  @Test
  void theAssistantsRouteReachesItsOwnFunctionAndEveryOtherTheApis() {
    template.hasResourceProperties("AWS::ApiGatewayV2::Route", Map.of("RouteKey", "POST /support/ai-response",
        "Target", Match.objectLike(Map.of("Fn::Join", Match.arrayWith(List.of(Match.arrayWith(
            List.of(Match.stringLikeRegexp("integrations/"), Match.objectLike(Map.of("Ref",
                Match.stringLikeRegexp("AiResponseIntegration.*")))))))))));
    // Only the assistant's function is told which model to ask.
    Map<String, Object> apiVariables = environmentOf("Api");
    Map<String, Object> assistantVariables = environmentOf("AiResponse");
    assertThat(apiVariables).doesNotContainKeys("AI_PROVIDER", "BEDROCK_MODEL_ID");
    assertThat(assistantVariables).containsKeys("AI_PROVIDER", "BEDROCK_MODEL_ID", "TICKETS_TABLE", "JWT_SECRET_ARN");
  }

  @Test
  void theFunctionUrlIsTheAlternative() {
    Template url = synth(Map.of("entryPoint", "function-url"));
    url.resourcePropertiesCountIs("AWS::ApiGatewayV2::Api", Map.of("ProtocolType", "HTTP"), 0);
    url.hasResourceProperties("AWS::Lambda::Url", Map.of("AuthType", "NONE",
        "Cors", Match.objectLike(Map.of("AllowOrigins", List.of("https://app.commercive.com")))));
    // A function URL cannot route by path: the assistant's function has a URL of its own.
    url.resourceCountIs("AWS::Lambda::Url", 2);
    url.hasOutput("AiResponseUrl", Map.of());
  }

  @Test
  void eachFunctionMayDoOnlyItsJob() {
    String api = policyOf("Api");
    String aiResponse = policyOf("AiResponse");
    String streamProcessor = policyOf("StreamProcessor");
    String aiWorker = policyOf("AiWorker");
    String notifier = policyOf("Notifier");

    // The API cannot send email or put work on the queues.
    assertThat(api).contains("dynamodb:PutItem").doesNotContain("ses:").doesNotContain("sqs:SendMessage");
    // The notifier sends email through the configured identity, and cannot write tickets or messages.
    assertThat(notifier).contains("ses:SendRawEmail").doesNotContain("ses:SendEmail\"").contains("identity/commercive.com");
    for (String statement : notifier.split("\\}, \\{")) {
      if (statement.contains("dynamodb:PutItem") || statement.contains("dynamodb:UpdateItem")) {
        assertThat(statement).contains("Idempotency").doesNotContain("Tickets").doesNotContain("Messages");
      }
    }
    // The stream processor reads streams and sends work, and gives waiting tickets to agents: it may
    // update tickets and agents' counts, create only the metrics' markers, never delete an item,
    // and sends no email.
    assertThat(streamProcessor).contains("sqs:SendMessage").contains("dynamodb:GetRecords")
        .doesNotContain("dynamodb:DeleteItem").doesNotContain("ses:");
    for (String statement : streamProcessor.split("\\}, \\{")) {
      if (statement.contains("dynamodb:PutItem")) {
        assertThat(statement).contains("Metrics").doesNotContain("Tickets").doesNotContain("Messages");
      }
    }
    assertThat(statementsOn(streamProcessor, "Agents")).singleElement().satisfies(statement ->
        assertThat(statement).contains("dynamodb:UpdateItem").contains("dynamodb:Scan").doesNotContain("PutItem"));
    assertThat(aiWorker).doesNotContain("ses:").doesNotContain("sqs:SendMessage");
    // The AI worker counts auto-replies per user in the idempotency table, and may only update it.
    assertThat(statementsOn(aiWorker, "Idempotency")).singleElement().satisfies(statement ->
        assertThat(statement).contains("dynamodb:GetItem").contains("dynamodb:UpdateItem")
            .doesNotContain("dynamodb:PutItem")
            .doesNotContain("dynamodb:DeleteItem"));
    // The assistant's route answers and appends to a ticket: no files, queues, email or agents.
    assertThat(aiResponse).contains("dynamodb:PutItem").doesNotContain("ses:").doesNotContain("sqs:")
        .doesNotContain("s3:").doesNotContain("Agents").doesNotContain("CannedResponses");
    // Only the assistant's users call Bedrock, and only the configured model; the ticket routes never.
    assertThat(api).doesNotContain("bedrock");
    for (String withModel : List.of(aiResponse, aiWorker)) {
      assertThat(withModel).contains("bedrock:InvokeModel")
          .contains("foundation-model/anthropic.claude-3-5-haiku-20241022-v1:0");
    }
    assertThat(streamProcessor + notifier).doesNotContain("bedrock");
    assertThat(String.valueOf(resourcesOf(synth(Map.of("aiProvider", "knowledge-base"))))).doesNotContain("bedrock:");
  }

  @Test
  void theSweepRunsEveryMinuteReadsOnlyTheTicketsAndEveryTicketWriterHasTheSameServiceLevels() {
    template.hasResourceProperties("AWS::Events::Rule", Map.of("ScheduleExpression", "rate(1 minute)",
        "State", "ENABLED"));
    String sweep = policyOf("Sweep");
    assertThat(sweep).contains("dynamodb:Query").contains("dynamodb:UpdateItem").contains("dynamodb:GetItem")
        .contains("Tickets").doesNotContain("Messages").doesNotContain("sqs:").doesNotContain("ses:")
        .doesNotContain("dynamodb:DeleteItem").doesNotContain("dynamodb:Scan");
    for (String writer : List.of("Api", "AiResponse", "AiWorker", "Sweep")) {
      assertThat(environmentOf(writer)).as(writer).containsEntry("SLA_FIRST_RESPONSE_MINUTES", "high:60,medium:240,low:1440")
          .containsEntry("SLA_RESOLUTION_HOURS", "high:24,medium:72,low:168").containsEntry("AUTO_CLOSE_AFTER", "P7D");
    }
    assertThat(environmentOf("Sweep")).containsEntry("TICKETS_TABLE", environmentOf("Api").get("TICKETS_TABLE"));
    // The metrics: kept by the stream processor (a marker and the day's counters), read by the API.
    assertThat(statementsOn(policyOf("StreamProcessor"), "Metrics")).singleElement().satisfies(statement ->
        assertThat(statement).contains("dynamodb:PutItem", "dynamodb:UpdateItem").doesNotContain("dynamodb:Scan"));
    assertThat(statementsOn(policyOf("Api"), "Metrics")).singleElement().satisfies(statement ->
        assertThat(statement).contains("dynamodb:BatchGetItem").doesNotContain("PutItem").doesNotContain("UpdateItem"));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> synth(Map.of("slaFirstResponseMinutes", "high:60")))
        .hasMessageContaining("slaFirstResponseMinutes");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> synth(Map.of("autoCloseAfter", "7 days")))
        .hasMessageContaining("autoCloseAfter");
  }

  @Test
  void alarmsWatchDeadLettersLagErrorsAndThrottlesAndOutputsNameTheEntryPoints() {
    template.resourceCountIs("AWS::CloudWatch::Alarm", 5 + 4 + 1 + 11 * 2 + 1);
    template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("MetricName", "SlaBreaches",
        "Namespace", "CommerciveSupport", "Threshold", 1));
    // Each queue a function consumes: its oldest message five minutes old is work falling behind.
    List<String> watched = new ArrayList<>();
    for (Map<String, Object> alarm : ofType(resources, "AWS::CloudWatch::Alarm")) {
      Map<String, Object> properties = map(alarm.get("Properties"));
      if ("ApproximateAgeOfOldestMessage".equals(properties.get("MetricName"))) {
        assertThat(properties).containsEntry("Namespace", "AWS/SQS").containsEntry("Statistic", "Maximum")
            .containsEntry("Threshold", Alarms.OLDEST_MESSAGE_AGE_SECONDS);
        watched.add(String.valueOf(properties.get("Dimensions")));
      }
    }
    assertThat(watched).hasSize(4).anyMatch(d -> d.contains("AiJobs")).anyMatch(d -> d.contains("Notifications"))
        .anyMatch(d -> d.contains("AttachmentChecks")).anyMatch(d -> d.contains("InboundMail"))
        .noneMatch(d -> d.contains("StreamFailures"));
    template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
        "MetricName", "ApproximateNumberOfMessagesVisible", "Threshold", 1));
    template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("MetricName", "IteratorAge", "Threshold", 60000));
    for (Map<String, Object> alarm : ofType(resources, "AWS::CloudWatch::Alarm")) {
      assertThat(map(alarm.get("Properties")).get("AlarmActions")).isNotNull();
    }
    template.hasOutput("ApiUrl", Map.of());
    template.hasOutput("AiJobsQueueName", Map.of());
    template.hasOutput("NotificationsQueueName", Map.of());
    template.hasOutput("AttachmentsBucketName", Map.of());
  }

  @Test
  void liveUpdatesAreAWebSocketApiWhoseFramesAreAnsweredAndOnlyThePusherPostsToConnections() {
    template.hasResourceProperties("AWS::ApiGatewayV2::Api", Map.of("ProtocolType", "WEBSOCKET",
        "RouteSelectionExpression", "$request.body.action"));
    for (String route : List.of("$connect", "$disconnect", "$default")) {
      template.hasResourceProperties("AWS::ApiGatewayV2::Route", Map.of("RouteKey", route));
    }
    template.hasResourceProperties("AWS::ApiGatewayV2::Route", Map.of("RouteKey", "$default",
        "RouteResponseSelectionExpression", "$default"));
    template.hasResourceProperties("AWS::ApiGatewayV2::Stage", Map.of("StageName", "test", "AutoDeploy", true));
    template.hasResourceProperties("AWS::DynamoDB::Table", Map.of("TableName", "commercive_support_connections",
        "KeySchema", List.of(Map.of("AttributeName", "pk", "KeyType", "HASH"), Map.of("AttributeName", "sk", "KeyType", "RANGE")),
        "TimeToLiveSpecification", Map.of("AttributeName", "expires_at", "Enabled", true)));
    for (String pusher : List.of("LiveUpdates", "AiWorker")) {
      assertThat(policyOf(pusher)).as(pusher).contains("execute-api:ManageConnections").contains("@connections");
    }
    for (String other : List.of("Api", "WebSocket", "StreamProcessor", "Notifier", "AttachmentChecker")) {
      assertThat(policyOf(other)).as(other).doesNotContain("execute-api:ManageConnections");
    }
    assertThat(statementsOn(policyOf("Api"), "Connections")).singleElement().satisfies(statement ->
        assertThat(statement).contains("dynamodb:PutItem", "dynamodb:Query").doesNotContain("DeleteItem")
            .doesNotContain("BatchWriteItem"));
    assertThat(environmentOf("Api")).containsKey("REALTIME_URL");
    assertThat(environmentOf("LiveUpdates")).containsKey("REALTIME_ENDPOINT");
    template.hasOutput("LiveUpdatesUrl", Map.of());
  }

  @Test
  void theAttachmentsBucketIsPrivateEncryptedTlsOnlyAndFeedsTheCheckingQueue() {
    template.resourceCountIs("AWS::S3::Bucket", 1);
    template.hasResource("AWS::S3::Bucket", Map.of("DeletionPolicy", "Retain", "Properties", Match.objectLike(Map.of(
        "PublicAccessBlockConfiguration", Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true,
            "IgnorePublicAcls", true, "RestrictPublicBuckets", true),
        "BucketEncryption", Map.of("ServerSideEncryptionConfiguration", List.of(Map.of(
            "ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "AES256")))),
        "OwnershipControls", Map.of("Rules", List.of(Map.of("ObjectOwnership", "BucketOwnerEnforced"))),
        "CorsConfiguration", Map.of("CorsRules", List.of(Match.objectLike(Map.of(
            "AllowedMethods", List.of("POST", "GET"), "AllowedOrigins", List.of("https://app.commercive.com"),
            "ExposedHeaders", List.of("Content-Disposition"))))),
        "LifecycleConfiguration", Map.of("Rules", Match.arrayWith(List.of(Match.objectLike(Map.of(
            "Prefix", "quarantine/", "ExpirationInDays", 1, "Status", "Enabled")))))))));
    template.hasResourceProperties("AWS::S3::BucketPolicy", Map.of("PolicyDocument", Map.of("Statement",
        Match.arrayWith(List.of(Match.objectLike(Map.of("Effect", "Deny",
            "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))), "Version", "2012-10-17")));
    template.hasResourceProperties("Custom::S3BucketNotifications", Map.of("NotificationConfiguration", Map.of(
        "QueueConfigurations", Match.arrayWith(List.of(Match.objectLike(Map.of("Events", List.of("s3:ObjectCreated:*"),
            "Filter", Map.of("Key", Map.of("FilterRules", List.of(Map.of("Name", "prefix", "Value", "quarantine/")))))))))));
  }

  @Test
  void withoutTheMalwareScanNoPlanIsMadeAndTheCheckerDoesNotWaitForAVerdict() {
    Template unscanned = synth(Map.of("malwareScan", "false"));
    unscanned.resourceCountIs("AWS::GuardDuty::MalwareProtectionPlan", 0);
    unscanned.hasResourceProperties("AWS::Lambda::Function", Map.of(
        "Handler", "com.commercive.support.attachmentchecker.AttachmentCheckerHandler::handleRequest",
        "Environment", Map.of("Variables", Match.objectLike(Map.of("ATTACHMENT_MALWARE_SCAN", "false")))));
  }

  @Test
  void theMalwareScanIsOnByDefaultScansQuarantineTagsVerdictsAndRechecksOnThem() {
    Template scanned = template;
    assertThat(environmentOf("AttachmentChecker")).containsEntry("ATTACHMENT_MALWARE_SCAN", "true");
    scanned.hasResourceProperties("AWS::GuardDuty::MalwareProtectionPlan", Map.of(
        "ProtectedResource", Map.of("S3Bucket", Map.of("BucketName", Match.anyValue(),
            "ObjectPrefixes", List.of("quarantine/"))),
        "Actions", Map.of("Tagging", Map.of("Status", "ENABLED"))));
    scanned.hasResourceProperties("AWS::IAM::Role", Map.of("AssumeRolePolicyDocument", Match.objectLike(Map.of(
        "Statement", List.of(Match.objectLike(Map.of("Principal",
            Map.of("Service", "malware-protection-plan.guardduty.amazonaws.com"))))))));
    scanned.hasResourceProperties("Custom::S3BucketNotifications", Map.of("NotificationConfiguration",
        Match.objectLike(Map.of("QueueConfigurations", Match.arrayWith(List.of(Match.objectLike(Map.of(
            "Events", List.of("s3:ObjectTagging:Put")))))))));
    scanned.hasResourceProperties("AWS::Lambda::Function", Map.of(
        "Handler", "com.commercive.support.attachmentchecker.AttachmentCheckerHandler::handleRequest",
        "Environment", Map.of("Variables", Match.objectLike(Map.of("ATTACHMENT_MALWARE_SCAN", "true")))));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> synth(Map.of("malwareScan", "yes")))
        .hasMessageContaining("malwareScan");
  }

  @Test
  void theApiSignsOnlyUploadsIntoQuarantineAndDownloadsOfCheckedFiles() {
    String api = policyOf("Api");
    String checker = policyOf("AttachmentChecker");
    for (String statement : api.split("\\}, \\{")) {
      if (statement.contains("s3:PutObject")) {
        assertThat(statement).contains("/quarantine/*").doesNotContain("/attachments/*").doesNotContain("s3:GetObject");
      }
      if (statement.contains("s3:GetObject")) {
        assertThat(statement).contains("/attachments/*").doesNotContain("/quarantine/*");
      }
    }
    assertThat(api).contains("s3:PutObject").contains("s3:GetObject").doesNotContain("s3:DeleteObject");
    // The checker reads and deletes in quarantine, writes only checked files, sends nothing.
    for (String statement : checker.split("\\}, \\{")) {
      if (statement.contains("s3:PutObject")) {
        assertThat(statement).contains("/attachments/*").doesNotContain("/quarantine/*");
      }
      if (statement.contains("s3:DeleteObject")) {
        assertThat(statement).contains("/quarantine/*").doesNotContain("/attachments/*");
      }
    }
    assertThat(checker).contains("s3:GetObjectTagging").doesNotContain("sqs:SendMessage").doesNotContain("ses:")
        .doesNotContain("Tickets").doesNotContain("Messages");
    assertThat(statementsOn(checker, "Attachments")).anySatisfy(statement ->
        assertThat(statement).contains("dynamodb:UpdateItem").doesNotContain("dynamodb:PutItem"));
    // The expirer only deletes files (its stream is granted by its mapping).
    assertThat(policyOf("AttachmentExpirer")).contains("s3:DeleteObject").doesNotContain("s3:GetObject")
        .doesNotContain("s3:PutObject").doesNotContain("dynamodb:PutItem").doesNotContain("dynamodb:UpdateItem");
  }

  @Test
  void refusesBadContext() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> synth(Map.of("aiProvider", "gpt")))
        .hasMessageContaining("aiProvider");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> synth(Map.of("entryPoint", "alb")))
        .hasMessageContaining("entryPoint");
  }

  /** The stack's own functions (not CDK's custom-resource handlers). */
  static List<Map<String, Object>> javaFunctions() {
    return ofType(resources, "AWS::Lambda::Function").stream()
        .filter(fn -> String.valueOf(map(fn.get("Properties")).get("Handler")).startsWith("com.commercive.support."))
        .toList();
  }

  static Map<String, Object> environmentOf(String functionId) {
    return map(map(map(map(resources.get(ofType(resources, "AWS::Lambda::Function").stream()
        .map(fn -> fn.get("LogicalId").toString()).filter(id -> id.startsWith(functionId) && !id.contains("Logs"))
        .findFirst().orElseThrow())).get("Properties")).get("Environment")).get("Variables"));
  }

  /** The policy's statements that name the given table's logical id. */
  private static List<String> statementsOn(String policy, String tableLogicalId) {
    return java.util.Arrays.stream(policy.split("\\}, \\{"))
        .filter(statement -> statement.contains(tableLogicalId))
        .toList();
  }
}
