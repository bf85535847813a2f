package com.commercive.support.infra;

import com.commercive.support.domain.Attachment;
import com.commercive.support.resources.CorsHeaders;
import com.commercive.support.resources.SupportQueues;
import com.commercive.support.resources.SupportTables;
import com.commercive.support.resources.TableSpec;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.aws_apigatewayv2_integrations.WebSocketLambdaIntegration;
import software.amazon.awscdk.services.apigatewayv2.CorsHttpMethod;
import software.amazon.awscdk.services.apigatewayv2.CorsPreflightOptions;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpStage;
import software.amazon.awscdk.services.apigatewayv2.ThrottleSettings;
import software.amazon.awscdk.services.apigatewayv2.WebSocketApi;
import software.amazon.awscdk.services.apigatewayv2.WebSocketRouteOptions;
import software.amazon.awscdk.services.apigatewayv2.WebSocketStage;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.StreamViewType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.guardduty.CfnMalwareProtectionPlan;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.FilterCriteria;
import software.amazon.awscdk.services.lambda.FilterRule;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.FunctionUrlAuthType;
import software.amazon.awscdk.services.lambda.FunctionUrlCorsOptions;
import software.amazon.awscdk.services.lambda.FunctionUrlOptions;
import software.amazon.awscdk.services.lambda.HttpMethod;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.StartingPosition;
import software.amazon.awscdk.services.lambda.eventsources.DynamoEventSource;
import software.amazon.awscdk.services.lambda.eventsources.SqsDlq;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.CorsRule;
import software.amazon.awscdk.services.s3.EventType;
import software.amazon.awscdk.services.s3.HttpMethods;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.NotificationKeyFilter;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.s3.notifications.SqsDestination;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/** Commercive Support on AWS: tables, streams, queues, the attachments bucket, the eight functions, the HTTP and WebSocket entry points. */
public final class SupportStack extends Stack {
  // Longer than most: the whole stack is one construct, so that the template tests, cdk-nag and
  // the IAM comparison read one place; each resource's settings and grants stand next to it.
  static final String NAMESPACE = "CommerciveSupport";

  /** One function's shape: what differs between the four. */
  record FunctionSpec(String id, String module, String handler, int memoryMb, int timeoutSeconds,
      String service) {}

  static final FunctionSpec API = new FunctionSpec("Api", "api-handler",
      "com.commercive.support.api.ApiHandler::handleRequest", 1024, 15, "commercive-support-api");
  static final FunctionSpec STREAM_PROCESSOR = new FunctionSpec("StreamProcessor", "stream-processor",
      "com.commercive.support.streamprocessor.StreamProcessorHandler::handleRequest", 512, 30,
      "commercive-support-stream-processor");
  static final FunctionSpec AI_WORKER = new FunctionSpec("AiWorker", "ai-worker",
      "com.commercive.support.aiworker.AiWorkerHandler::handleRequest", 1024, 60,
      "commercive-support-ai-worker");
  static final FunctionSpec NOTIFIER = new FunctionSpec("Notifier", "notifier",
      "com.commercive.support.notifier.NotifierHandler::handleRequest", 512, 30,
      "commercive-support-notifier");
  static final FunctionSpec ATTACHMENT_CHECKER = new FunctionSpec("AttachmentChecker", "attachment-checker",
      "com.commercive.support.attachmentchecker.AttachmentCheckerHandler::handleRequest", 512, 30,
      "commercive-support-attachment-checker");
  static final FunctionSpec WEB_SOCKET = new FunctionSpec("WebSocket", "live-updates",
      "com.commercive.support.liveupdates.WebSocketHandler::handleRequest", 512, 10,
      "commercive-support-websocket");
  /** The same jar, another handler: pushes the tables' changes to the connections allowed to see them. */
  static final FunctionSpec LIVE_UPDATES = new FunctionSpec("LiveUpdates", "live-updates",
      "com.commercive.support.liveupdates.StreamPushHandler::handleRequest", 512, 30,
      "commercive-support-live-updates");
  /** The same jar as the checker, another handler: deletes the files of uploads never sent. */
  static final FunctionSpec ATTACHMENT_EXPIRER = new FunctionSpec("AttachmentExpirer", "attachment-checker",
      "com.commercive.support.attachmentchecker.AttachmentExpiryHandler::handleRequest", 512, 30,
      "commercive-support-attachment-expirer");

  private final Path functionsDir;
  private final String version;
  private final Topic alarms;
  final Map<String, Alias> aliases = new HashMap<>();

  public SupportStack(Construct scope, String id, StackProps props, InfraConfig config,
      Path functionsDir, String version) {
    super(scope, id, props);
    this.functionsDir = functionsDir;
    this.version = version;
    String prefix = SupportQueues.LOCAL_PREFIX + "-" + config.stage();

    // Tables: the shared specs (the seed's names), declared as the local runner creates them.
    Table tickets = table("Tickets", SupportTables.TICKETS);
    Table messages = table("Messages", SupportTables.MESSAGES);
    Table idempotency = table("Idempotency", SupportTables.IDEMPOTENCY);
    Table cannedResponses = table("CannedResponses", SupportTables.CANNED_RESPONSES);
    Table agents = table("Agents", SupportTables.AGENTS);
    Table attachments = table("Attachments", SupportTables.ATTACHMENTS);
    Table connections = table("Connections", SupportTables.CONNECTIONS);
    ITable users = config.importsUsersTable()
        ? Table.fromTableName(this, "Users", config.existingUsersTable())
        : table("UsersTable", SupportTables.USERS);

    // Queues: encrypted, each with a dead-letter queue; visibility ≥ 6 × the consumer's timeout.
    Queue aiJobsDlq = Queue.Builder.create(this, "AiJobsDlq").queueName(SupportQueues.AI_JOBS.deadLetterName(prefix))
        .fifo(true).encryption(QueueEncryption.SQS_MANAGED).enforceSsl(true).retentionPeriod(Duration.days(14)).build();
    Queue aiJobs = Queue.Builder.create(this, "AiJobs").queueName(SupportQueues.AI_JOBS.name(prefix)).fifo(true)
        .encryption(QueueEncryption.SQS_MANAGED).enforceSsl(true)
        .visibilityTimeout(Duration.seconds(6L * AI_WORKER.timeoutSeconds()))
        .deadLetterQueue(DeadLetterQueue.builder().queue(aiJobsDlq).maxReceiveCount(SupportQueues.MAX_RECEIVE_COUNT).build())
        .build();
    Queue notificationsDlq = Queue.Builder.create(this, "NotificationsDlq")
        .queueName(SupportQueues.NOTIFICATIONS.deadLetterName(prefix)).encryption(QueueEncryption.SQS_MANAGED).enforceSsl(true)
        .retentionPeriod(Duration.days(14)).build();
    Queue notifications = Queue.Builder.create(this, "Notifications").queueName(SupportQueues.NOTIFICATIONS.name(prefix))
        .encryption(QueueEncryption.SQS_MANAGED).enforceSsl(true)
        .visibilityTimeout(Duration.seconds(6L * NOTIFIER.timeoutSeconds()))
        .deadLetterQueue(DeadLetterQueue.builder().queue(notificationsDlq).maxReceiveCount(SupportQueues.MAX_RECEIVE_COUNT).build())
        .build();
    Queue streamFailures = Queue.Builder.create(this, "StreamFailures").queueName(SupportQueues.STREAM_FAILURES.name(prefix))
        .encryption(QueueEncryption.SQS_MANAGED).enforceSsl(true).retentionPeriod(Duration.days(14)).build();
    Queue attachmentChecksDlq = Queue.Builder.create(this, "AttachmentChecksDlq")
        .queueName(SupportQueues.ATTACHMENT_CHECKS.deadLetterName(prefix)).encryption(QueueEncryption.SQS_MANAGED)
        .enforceSsl(true).retentionPeriod(Duration.days(14)).build();
    Queue attachmentChecks = Queue.Builder.create(this, "AttachmentChecks")
        .queueName(SupportQueues.ATTACHMENT_CHECKS.name(prefix)).encryption(QueueEncryption.SQS_MANAGED).enforceSsl(true)
        .visibilityTimeout(Duration.seconds(6L * ATTACHMENT_CHECKER.timeoutSeconds()))
        .deadLetterQueue(DeadLetterQueue.builder().queue(attachmentChecksDlq)
            .maxReceiveCount(SupportQueues.MAX_RECEIVE_COUNT).build())
        .build();

    // Attachments: a private bucket browsers upload to with presigned POSTs (CORS for the allowed
    // origins), TLS only; files land under quarantine/ and move to attachments/ once checked.
    // Anything left in quarantine (never uploaded in full, never checked) goes after a day; the
    // checked files of uploads never sent go when their record expires (see docs/attachments.md).
    Bucket attachmentsBucket = Bucket.Builder.create(this, "AttachmentsBucket")
        .blockPublicAccess(BlockPublicAccess.BLOCK_ALL).encryption(BucketEncryption.S3_MANAGED).enforceSsl(true)
        .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED).versioned(false)
        .eventBridgeEnabled(config.malwareScan())
        .cors(List.of(CorsRule.builder().allowedOrigins(config.allowedOrigins())
            .allowedMethods(List.of(HttpMethods.POST, HttpMethods.GET)).allowedHeaders(List.of("*"))
            .maxAge(3000).build()))
        .lifecycleRules(List.of(
            LifecycleRule.builder().id("unchecked-uploads").prefix(Attachment.QUARANTINE_PREFIX)
                .expiration(Duration.days(1)).build(),
            LifecycleRule.builder().id("incomplete-uploads")
                .abortIncompleteMultipartUploadAfter(Duration.days(1)).build()))
        .removalPolicy(RemovalPolicy.RETAIN)
        .build();
    NotificationKeyFilter quarantine = NotificationKeyFilter.builder().prefix(Attachment.QUARANTINE_PREFIX).build();
    attachmentsBucket.addEventNotification(EventType.OBJECT_CREATED, new SqsDestination(attachmentChecks), quarantine);
    if (config.malwareScan()) {
      // The scan's verdict arrives as a tag on the object: its own notification runs the check again.
      attachmentsBucket.addEventNotification(EventType.OBJECT_TAGGING_PUT, new SqsDestination(attachmentChecks),
          quarantine);
      malwareProtection(attachmentsBucket);
    }

    // The token secret: created here (a random value) or imported; functions get its ARN only.
    ISecret jwtSecret = config.existingJwtSecretArn().isBlank()
        ? Secret.Builder.create(this, "JwtSecret").description("Commercive Support token signing key")
            .generateSecretString(SecretStringGenerator.builder().passwordLength(64).excludePunctuation(true).build())
            .build()
        : Secret.fromSecretCompleteArn(this, "JwtSecret", config.existingJwtSecretArn());

    alarms = Topic.Builder.create(this, "Alarms").displayName("Commercive Support alarms").enforceSsl(true).build();
    if (!config.alarmEmail().isBlank()) {
      alarms.addSubscription(new EmailSubscription(config.alarmEmail()));
    }

    Map<String, String> tablesEnv = Map.of(
        "TICKETS_TABLE", tickets.getTableName(), "MESSAGES_TABLE", messages.getTableName(),
        "USERS_TABLE", users.getTableName(), "IDEMPOTENCY_TABLE", idempotency.getTableName(),
        "AGENTS_TABLE", agents.getTableName(), "ATTACHMENTS_TABLE", attachments.getTableName(),
        "CONNECTIONS_TABLE", connections.getTableName());
    Map<String, String> attachmentsEnv = Map.of("ATTACHMENTS_BUCKET", attachmentsBucket.getBucketName(),
        "ATTACHMENT_MALWARE_SCAN", Boolean.toString(config.malwareScan()));
    Map<String, String> queuesEnv = Map.of(
        "AI_JOBS_QUEUE_URL", aiJobs.getQueueUrl(), "NOTIFICATIONS_QUEUE_URL", notifications.getQueueUrl());
    Map<String, String> aiEnv = Map.of("AI_PROVIDER", config.aiProvider(), "BEDROCK_MODEL_ID", config.bedrockModelId());

    // The API: reads and writes tickets and messages; never sends email or touches the queues. It
    // signs uploads into quarantine and downloads of checked files, and reads no file itself.
    Function api = function(API, merge(tablesEnv, aiEnv, attachmentsEnv, Map.of(
        "JWT_SECRET_ARN", jwtSecret.getSecretArn(),
        "CORS_ALLOWED_ORIGINS", String.join(",", config.allowedOrigins()),
        "CANNED_RESPONSES_TABLE", cannedResponses.getTableName())));
    tickets.grantReadWriteData(api);
    cannedResponses.grantReadWriteData(api);
    agents.grantReadWriteData(api);
    messages.grantReadWriteData(api);
    idempotency.grantReadWriteData(api);
    users.grantReadData(api);
    jwtSecret.grantRead(api);
    attachments.grant(api, "dynamodb:PutItem", "dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:UpdateItem");
    api.addToRolePolicy(PolicyStatement.Builder.create().actions(List.of("s3:PutObject"))
        .resources(List.of(attachmentsBucket.arnForObjects(Attachment.QUARANTINE_PREFIX + "*"))).build());
    api.addToRolePolicy(PolicyStatement.Builder.create().actions(List.of("s3:GetObject"))
        .resources(List.of(attachmentsBucket.arnForObjects(Attachment.CHECKED_PREFIX + "*"))).build());

    // The stream processor: reads the streams (granted by its mappings), sends to both queues, and
    // gives waiting tickets to agents with room (a ticket and an agent written together).
    Function streamProcessor = function(STREAM_PROCESSOR, merge(tablesEnv, queuesEnv,
        Map.of("AUTO_REPLY_ENABLED", "true")));
    aiJobs.grantSendMessages(streamProcessor);
    notifications.grantSendMessages(streamProcessor);
    tickets.grant(streamProcessor, "dynamodb:GetItem", "dynamodb:Query", "dynamodb:UpdateItem");
    agents.grant(streamProcessor, "dynamodb:Scan", "dynamodb:GetItem", "dynamodb:UpdateItem");
    for (Table table : List.of(tickets, messages)) {
      aliases.get(STREAM_PROCESSOR.id()).addEventSource(streamSource(table, streamFailures, List.of()));
    }

    // The AI worker: answers from the FIFO queue and writes AI messages (a handoff is marked on the
    // message; the stream processor tells the team, as for every notification).
    Function aiWorker = function(AI_WORKER, merge(tablesEnv, aiEnv, Map.of(
        "AUTO_REPLY_ENABLED", "true", "AI_MAX_REPLIES_PER_TICKET", "5")));
    tickets.grantReadWriteData(aiWorker);
    messages.grantReadWriteData(aiWorker);
    // Its per-user auto-reply counters live in the idempotency table (read, then one conditional
    // UpdateItem: a sliding window's compare-and-set).
    idempotency.grant(aiWorker, "dynamodb:GetItem", "dynamodb:UpdateItem");
    aliases.get(AI_WORKER.id()).addEventSource(new SqsEventSource(aiJobs,
        software.amazon.awscdk.services.lambda.eventsources.SqsEventSourceProps.builder()
            .batchSize(10).reportBatchItemFailures(true).maxConcurrency(5).build()));

    // The notifier: reads tickets, messages and users, records sends, emails through SES.
    Function notifier = function(NOTIFIER, merge(tablesEnv, Map.of(
        "ADMIN_NOTIFICATION_EMAILS", String.join(",", config.adminEmails()),
        "FRONTEND_URL", config.frontendUrl(), "SES_FROM_ADDRESS", config.senderAddress())));
    tickets.grantReadData(notifier);
    messages.grantReadData(notifier);
    users.grantReadData(notifier);
    idempotency.grantReadWriteData(notifier);
    notifier.addToRolePolicy(PolicyStatement.Builder.create()
        .actions(List.of("ses:SendEmail"))
        .resources(List.of(arn("ses", "identity/" + config.sesIdentity()))).build());
    aliases.get(NOTIFIER.id()).addEventSource(new SqsEventSource(notifications,
        software.amazon.awscdk.services.lambda.eventsources.SqsEventSourceProps.builder()
            .batchSize(10).maxBatchingWindow(Duration.seconds(1)).reportBatchItemFailures(true)
            .maxConcurrency(5).build()));

    // The attachment checker: reads an uploaded file's head and tags in quarantine, moves a clean
    // one to attachments/ (a copy, then the delete), deletes anything else, records the outcome.
    Function attachmentChecker = function(ATTACHMENT_CHECKER, merge(attachmentsEnv,
        Map.of("ATTACHMENTS_TABLE", attachments.getTableName())));
    attachments.grant(attachmentChecker, "dynamodb:GetItem", "dynamodb:UpdateItem");
    attachmentChecker.addToRolePolicy(PolicyStatement.Builder.create()
        .actions(List.of("s3:GetObject", "s3:GetObjectTagging", "s3:DeleteObject"))
        .resources(List.of(attachmentsBucket.arnForObjects(Attachment.QUARANTINE_PREFIX + "*"))).build());
    attachmentChecker.addToRolePolicy(PolicyStatement.Builder.create().actions(List.of("s3:GetObject", "s3:PutObject"))
        .resources(List.of(attachmentsBucket.arnForObjects(Attachment.CHECKED_PREFIX + "*"))).build());
    aliases.get(ATTACHMENT_CHECKER.id()).addEventSource(new SqsEventSource(attachmentChecks,
        software.amazon.awscdk.services.lambda.eventsources.SqsEventSourceProps.builder()
            .batchSize(10).reportBatchItemFailures(true).maxConcurrency(5).build()));

    // The attachment expirer: DynamoDB's removal of an unsent upload's expired record (and only
    // that: the mapping's filter) deletes the upload's files.
    Function attachmentExpirer = function(ATTACHMENT_EXPIRER, merge(attachmentsEnv,
        Map.of("ATTACHMENTS_TABLE", attachments.getTableName())));
    attachmentExpirer.addToRolePolicy(PolicyStatement.Builder.create().actions(List.of("s3:DeleteObject"))
        .resources(List.of(attachmentsBucket.arnForObjects(Attachment.QUARANTINE_PREFIX + "*"),
            attachmentsBucket.arnForObjects(Attachment.CHECKED_PREFIX + "*"))).build());
    aliases.get(ATTACHMENT_EXPIRER.id()).addEventSource(streamSource(attachments, streamFailures,
        List.of(FilterCriteria.filter(Map.of(
            "eventName", FilterRule.isEqual("REMOVE"),
            "userIdentity", Map.of("type", FilterRule.isEqual("Service"),
                "principalId", FilterRule.isEqual("dynamodb.amazonaws.com")))))));

    // Live updates: a WebSocket API whose routes are one function (a refused $connect is a 401 at
    // the upgrade; $default answers each frame on its connection), and a pusher on the tables'
    // streams that posts events to the connections allowed to see them.
    Function webSocket = function(WEB_SOCKET, tablesEnv);
    connections.grant(webSocket, "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem", "dynamodb:Query",
        "dynamodb:BatchWriteItem", "dynamodb:ConditionCheckItem");
    tickets.grant(webSocket, "dynamodb:GetItem");
    Alias webSocketAlias = aliases.get(WEB_SOCKET.id());
    WebSocketApi liveApi = WebSocketApi.Builder.create(this, "LiveApi").apiName(prefix + "-live")
        .connectRouteOptions(WebSocketRouteOptions.builder()
            .integration(new WebSocketLambdaIntegration("LiveConnect", webSocketAlias)).build())
        .disconnectRouteOptions(WebSocketRouteOptions.builder()
            .integration(new WebSocketLambdaIntegration("LiveDisconnect", webSocketAlias)).build())
        .defaultRouteOptions(WebSocketRouteOptions.builder()
            .integration(new WebSocketLambdaIntegration("LiveFrames", webSocketAlias)).returnResponse(true).build())
        .build();
    WebSocketStage liveStage = WebSocketStage.Builder.create(this, "LiveStage").webSocketApi(liveApi)
        .stageName(config.stage()).autoDeploy(true)
        .throttle(ThrottleSettings.builder().rateLimit(100).burstLimit(200).build()).build();
    Function liveUpdates = function(LIVE_UPDATES, merge(tablesEnv, Map.of("REALTIME_ENDPOINT", liveStage.getCallbackUrl())));
    connections.grant(liveUpdates, "dynamodb:Query", "dynamodb:BatchWriteItem");
    users.grant(liveUpdates, "dynamodb:BatchGetItem");
    liveApi.grantManageConnections(liveUpdates);
    for (Table table : List.of(tickets, messages, attachments)) {
      aliases.get(LIVE_UPDATES.id()).addEventSource(streamSource(table, streamFailures, List.of()));
    }
    api.addEnvironment("REALTIME_URL", liveStage.getUrl());
    // The AI worker announces "assistant.typing" to a ticket's listeners when it starts on a question.
    aiWorker.addEnvironment("REALTIME_ENDPOINT", liveStage.getCallbackUrl());
    connections.grant(aiWorker, "dynamodb:Query", "dynamodb:BatchWriteItem");
    liveApi.grantManageConnections(aiWorker);
    connections.grant(api, "dynamodb:PutItem");

    // Only the functions that run the assistant may call Bedrock, and only the configured model.
    if (config.aiProvider().equals("bedrock")) {
      for (Function assistantUser : List.of(api, aiWorker)) {
        assistantUser.addToRolePolicy(PolicyStatement.Builder.create()
            .actions(List.of("bedrock:InvokeModel"))
            .resources(List.of("arn:" + getPartition() + ":bedrock:" + getRegion()
                + "::foundation-model/" + config.bedrockModelId())).build());
      }
    }

    // The HTTP entry point.
    String url;
    Alias apiAlias = aliases.get(API.id());
    if (config.entryPoint() == InfraConfig.EntryPoint.HTTP_API) {
      HttpApi httpApi = HttpApi.Builder.create(this, "HttpApi").apiName(prefix + "-api")
          .createDefaultStage(false)
          .defaultIntegration(new HttpLambdaIntegration("ApiIntegration", apiAlias))
          .corsPreflight(CorsPreflightOptions.builder()
              .allowOrigins(config.allowedOrigins()).allowCredentials(!config.allowedOrigins().contains("*"))
              .allowHeaders(CorsHeaders.ALLOWED)
              .allowMethods(List.of(CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.PUT,
                  CorsHttpMethod.PATCH, CorsHttpMethod.DELETE, CorsHttpMethod.OPTIONS))
              .exposeHeaders(CorsHeaders.EXPOSED)
              .maxAge(Duration.minutes(10)).build())
          .build();
      HttpStage stage = HttpStage.Builder.create(this, "DefaultStage").httpApi(httpApi)
          .stageName("$default").autoDeploy(true)
          .throttle(ThrottleSettings.builder().rateLimit(100).burstLimit(200).build()).build();
      url = stage.getUrl();
    } else {
      url = apiAlias.addFunctionUrl(FunctionUrlOptions.builder().authType(FunctionUrlAuthType.NONE)
          .cors(FunctionUrlCorsOptions.builder().allowedOrigins(config.allowedOrigins())
              .allowCredentials(!config.allowedOrigins().contains("*"))
              .allowedHeaders(CorsHeaders.ALLOWED).exposedHeaders(CorsHeaders.EXPOSED)
              .allowedMethods(List.of(HttpMethod.ALL)).maxAge(Duration.minutes(10)).build())
          .build()).getUrl();
    }

    // Operations: anything in a dead-letter queue, a lagging stream, errors and throttles.
    for (Queue dead : List.of(aiJobsDlq, notificationsDlq, streamFailures, attachmentChecksDlq)) {
      alarm(dead.getNode().getId() + "Depth", dead.metricApproximateNumberOfMessagesVisible(
          MetricOptions.builder().period(Duration.minutes(1)).statistic("Maximum").build()), 1);
    }
    alarm("StreamIteratorAge", streamProcessor.metric("IteratorAge",
        MetricOptions.builder().period(Duration.minutes(1)).statistic("Maximum").build()), 60_000);
    for (Function fn : List.of(api, streamProcessor, aiWorker, notifier, attachmentChecker, attachmentExpirer,
        webSocket, liveUpdates)) {
      String name = fn.getNode().getId();
      alarm(name + "Errors", fn.metricErrors(MetricOptions.builder().period(Duration.minutes(5)).build()), 1);
      alarm(name + "Throttles", fn.metricThrottles(MetricOptions.builder().period(Duration.minutes(5)).build()), 1);
    }

    output("ApiUrl", url);
    output("AiJobsQueueName", aiJobs.getQueueName());
    output("NotificationsQueueName", notifications.getQueueName());
    output("AiJobsDlqName", aiJobsDlq.getQueueName());
    output("NotificationsDlqName", notificationsDlq.getQueueName());
    output("StreamFailuresQueueName", streamFailures.getQueueName());
    output("AttachmentsBucketName", attachmentsBucket.getBucketName());
    output("LiveUpdatesUrl", liveStage.getUrl());
    output("AttachmentChecksQueueName", attachmentChecks.getQueueName());
    output("AttachmentChecksDlqName", attachmentChecksDlq.getQueueName());
    explainNagFindings();
  }

  /** The one definition every function shares: runtime, architecture, SnapStart, logs, alias. */
  /**
   * What cdk-nag's AwsSolutions rules flag that this stack does on purpose, each with its reason
   * (CdkNagTest fails on any finding not fixed or explained here).
   */
  private void explainNagFindings() {
    NagSuppressions.addStackSuppressions(this, List.of(
        suppression("AwsSolutions-IAM4", "AWSLambdaBasicExecutionRole is AWS's minimal policy for a function's"
            + " own logs (CreateLogGroup, CreateLogStream, PutLogEvents); nothing else comes from managed policies"),
        // Only these wildcards: any other one fails CdkNagTest.
        NagPackSuppression.builder().id("AwsSolutions-IAM5")
            .reason("a table's own indexes (<table>/index/*, for the queries the functions make);"
                + " dynamodb:ListStreams (Resource::*), which the stream event source mapping needs and which"
                + " accepts no narrower resource; the attachments' objects under one prefix (quarantine/* or"
                + " attachments/*), whose keys are made per upload; GuardDuty's managed EventBridge rules"
                + " (DO-NOT-DELETE-AmazonGuardDutyMalwareProtectionS3*, named by GuardDuty); the live updates"
                + " API's own connections (<LiveApi>/*/*/@connections/*: ids are made per connection); every other grant"
                + " names its resource")
            .appliesTo(List.of(RegexAppliesTo.builder().regex("/^Resource::<[A-Za-z0-9]+\\.Arn>\\/index\\/\\*$/g").build(),
                "Resource::*",
                RegexAppliesTo.builder()
                    .regex("/^Resource::<AttachmentsBucket[A-Za-z0-9]+\\.Arn>\\/(quarantine|attachments)\\/\\*$/g").build(),
                RegexAppliesTo.builder()
                    .regex("/^Resource::arn:<AWS::Partition>:events:.*:rule\\/DO-NOT-DELETE-AmazonGuardDutyMalwareProtectionS3\\*$/g")
                    .build(),
                RegexAppliesTo.builder()
                    .regex("/^Resource::arn:<AWS::Partition>:execute-api:.*:<LiveApi[A-Za-z0-9]+>\\/\\*\\/\\*\\/@connections\\/\\*$/g")
                    .build()))
            .build(),
        suppression("AwsSolutions-S1", "the attachments bucket is reached only with links the API issues for one"
            + " object and a few minutes, each issuance in the API's request log (route, ticket, request id);"
            + " S3 server access logs would repeat that in another bucket"),
        suppression("AwsSolutions-L1", "java21 is the runtime the functions are built, tested and SnapStart-primed"
            + " for; moving to a newer Java runtime is a deliberate upgrade, not a drift"),
        suppression("AwsSolutions-APIG1", "the API function writes one structured access line per request"
            + " (method, route, status, duration, request id) to CloudWatch Logs; a stage access log would"
            + " duplicate it"),
        suppression("AwsSolutions-APIG4", "the API function authenticates every route but /health and"
            + " /openapi.json itself: HS256 tokens signed with the shared secret, which API Gateway's JWT"
            + " authorizer (OIDC, asymmetric keys) cannot verify"),
        suppression("AwsSolutions-SMG4", "the token signing key is shared with the Commercive web app that issues"
            + " the tokens; rotating it is a coordinated change of both, not an automatic one"),
        suppression("AwsSolutions-SQS3", "the stream-failures queue is itself the failure destination of the"
            + " stream mappings (a dead-letter queue in all but name); its messages are inspected by people")));
  }

  /**
   * GuardDuty Malware Protection for S3 on the quarantine prefix, tagging each scanned object with
   * its verdict, through a role only GuardDuty's malware protection may assume, with the
   * permissions AWS documents for it: its managed EventBridge rule, the bucket's notifications,
   * reading and tagging the objects.
   */
  private void malwareProtection(Bucket bucket) {
    Role role = Role.Builder.create(this, "MalwareProtectionRole")
        .assumedBy(new ServicePrincipal("malware-protection-plan.guardduty.amazonaws.com"))
        .description("GuardDuty Malware Protection for the attachments bucket").build();
    String ruleArn = "arn:" + getPartition() + ":events:" + getRegion() + ":" + getAccount()
        + ":rule/DO-NOT-DELETE-AmazonGuardDutyMalwareProtectionS3*";
    role.addToPolicy(PolicyStatement.Builder.create()
        .actions(List.of("events:PutRule", "events:DeleteRule", "events:PutTargets", "events:RemoveTargets"))
        .resources(List.of(ruleArn))
        .conditions(Map.of("StringLike", Map.of("events:ManagedBy", "malware-protection-plan.guardduty.amazonaws.com")))
        .build());
    role.addToPolicy(PolicyStatement.Builder.create()
        .actions(List.of("events:DescribeRule", "events:ListTargetsByRule")).resources(List.of(ruleArn)).build());
    role.addToPolicy(PolicyStatement.Builder.create()
        .actions(List.of("s3:PutBucketNotification", "s3:GetBucketNotification", "s3:ListBucket"))
        .resources(List.of(bucket.getBucketArn())).build());
    role.addToPolicy(PolicyStatement.Builder.create()
        .actions(List.of("s3:GetObject", "s3:GetObjectVersion", "s3:GetObjectTagging", "s3:GetObjectVersionTagging",
            "s3:PutObjectTagging", "s3:PutObjectVersionTagging"))
        .resources(List.of(bucket.arnForObjects(Attachment.QUARANTINE_PREFIX + "*"))).build());
    CfnMalwareProtectionPlan.Builder.create(this, "MalwareProtectionPlan")
        .role(role.getRoleArn())
        .protectedResource(CfnMalwareProtectionPlan.CFNProtectedResourceProperty.builder()
            .s3Bucket(CfnMalwareProtectionPlan.S3BucketProperty.builder().bucketName(bucket.getBucketName())
                .objectPrefixes(List.of(Attachment.QUARANTINE_PREFIX)).build()).build())
        .actions(CfnMalwareProtectionPlan.CFNActionsProperty.builder()
            .tagging(CfnMalwareProtectionPlan.CFNTaggingProperty.builder().status("ENABLED").build()).build())
        .build();
  }

  private static NagPackSuppression suppression(String id, String reason) {
    return NagPackSuppression.builder().id(id).reason(reason).build();
  }

  private Function function(FunctionSpec spec, Map<String, String> env) {
    Map<String, String> environment = new HashMap<>(env);
    environment.put("POWERTOOLS_SERVICE_NAME", spec.service());
    environment.put("POWERTOOLS_METRICS_NAMESPACE", NAMESPACE);
    environment.put("LOG_LEVEL", "INFO");
    // Tiered compilation stopped at C1: the usual cold-start trade-off for short Lambda calls.
    environment.put("JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1");
    Path jar = functionsDir.resolve(spec.module()).resolve("target")
        .resolve(spec.module() + "-" + version + "-lambda.jar");
    Function fn = Function.Builder.create(this, spec.id())
        .runtime(Runtime.JAVA_21).architecture(Architecture.ARM_64)
        .handler(spec.handler()).code(Code.fromAsset(jar.toString()))
        .memorySize(spec.memoryMb()).timeout(Duration.seconds(spec.timeoutSeconds()))
        .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
        .logGroup(LogGroup.Builder.create(this, spec.id() + "Logs").retention(RetentionDays.ONE_MONTH)
            .removalPolicy(RemovalPolicy.DESTROY).build())
        .environment(environment)
        .build();
    aliases.put(spec.id(), Alias.Builder.create(this, spec.id() + "Live").aliasName("live")
        .version(fn.getCurrentVersion()).build());
    return fn;
  }

  /**
   * Every stream mapping alike: from the newest record, in order (one batch per shard at a time),
   * failed records bisected and retried three times within the hour, then sent to
   * {@code failures}; {@code filters} (empty: every record) drop what the function ignores.
   */
  private static DynamoEventSource streamSource(Table table, Queue failures, List<Map<String, Object>> filters) {
    var props = software.amazon.awscdk.services.lambda.eventsources.DynamoEventSourceProps.builder()
        .startingPosition(StartingPosition.LATEST).batchSize(100)
        .bisectBatchOnError(true).retryAttempts(3).maxRecordAge(Duration.hours(1))
        .parallelizationFactor(1).reportBatchItemFailures(true)
        .onFailure(new SqsDlq(failures));
    if (!filters.isEmpty()) {
      props.filters(filters);
    }
    return new DynamoEventSource(table, props.build());
  }

  /** A table as {@code spec} describes it: on-demand, point-in-time recovery, kept when the stack goes. */
  private Table table(String id, TableSpec spec) {
    var builder = Table.Builder.create(this, id).tableName(spec.defaultName())
        .partitionKey(Attribute.builder().name(spec.partitionKey()).type(AttributeType.STRING).build())
        .sortKey(spec.sortKey().map(k -> Attribute.builder().name(k).type(AttributeType.STRING).build()).orElse(null))
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
            .pointInTimeRecoveryEnabled(true).build())
        .deletionProtection(true).removalPolicy(RemovalPolicy.RETAIN);
    if (spec.streamed()) {
      builder.stream(StreamViewType.NEW_AND_OLD_IMAGES);
    }
    spec.timeToLive().ifPresent(builder::timeToLiveAttribute);
    Table table = builder.build();
    for (TableSpec.Index index : spec.indexes()) {
      table.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder().indexName(index.name())
          .partitionKey(Attribute.builder().name(index.partitionKey()).type(AttributeType.STRING).build())
          .sortKey(Attribute.builder().name(index.sortKey()).type(AttributeType.STRING).build())
          .projectionType(ProjectionType.ALL).build());
    }
    return table;
  }

  private void alarm(String id, IMetric metric, double threshold) {
    Alarm alarm = Alarm.Builder.create(this, id + "Alarm").metric(metric).threshold(threshold)
        .evaluationPeriods(1).comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
        .treatMissingData(TreatMissingData.NOT_BREACHING).build();
    alarm.addAlarmAction(new SnsAction(alarms));
  }

  private String arn(String service, String resource) {
    return "arn:" + getPartition() + ":" + service + ":" + getRegion() + ":" + getAccount() + ":" + resource;
  }

  private void output(String id, String value) {
    CfnOutput.Builder.create(this, id).value(value).build();
  }

  @SafeVarargs
  private static Map<String, String> merge(Map<String, String>... maps) {
    Map<String, String> merged = new HashMap<>();
    for (Map<String, String> map : maps) {
      merged.putAll(map);
    }
    return merged;
  }
}
