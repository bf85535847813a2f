package com.commercive.support.infra;

import static com.commercive.support.resources.EnvironmentVariables.ADMIN_NOTIFICATION_EMAILS;
import static com.commercive.support.resources.EnvironmentVariables.AI_MAX_REPLIES_PER_TICKET;
import static com.commercive.support.resources.EnvironmentVariables.AI_PROVIDER;
import static com.commercive.support.resources.EnvironmentVariables.ATTACHMENT_MALWARE_SCAN;
import static com.commercive.support.resources.EnvironmentVariables.AUTO_REPLY_ENABLED;
import static com.commercive.support.resources.EnvironmentVariables.BEDROCK_MODEL_ID;
import static com.commercive.support.resources.EnvironmentVariables.CORS_ALLOWED_ORIGINS;
import static com.commercive.support.resources.EnvironmentVariables.FRONTEND_URL;
import static com.commercive.support.resources.EnvironmentVariables.JWT_SECRET_ARN;
import static com.commercive.support.resources.EnvironmentVariables.REALTIME_ENDPOINT;
import static com.commercive.support.resources.EnvironmentVariables.REALTIME_URL;
import static com.commercive.support.resources.EnvironmentVariables.SES_FROM_ADDRESS;

import com.commercive.support.resources.Catalogue;
import com.commercive.support.resources.EnvironmentVariables;
import com.commercive.support.resources.SupportQueues;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;

/**
 * Commercive Support on AWS, built from the catalogue in {@code resources}: its data (tables,
 * the attachments bucket), messaging (queues with their dead-letter queues), functions, the HTTP
 * and WebSocket entry points, and alarms, each a construct of its own.
 */
public final class SupportStack extends Stack {
  public SupportStack(Construct scope, String id, StackProps props, InfraConfig config,
      Path functionsDir, String version) {
    super(scope, id, props);
    String prefix = SupportQueues.LOCAL_PREFIX + "-" + config.stage();

    Messaging messaging = new Messaging(this, prefix);
    Data data = new Data(this, config, messaging.queue(Catalogue.ATTACHMENT_CHECKS));
    Functions functions = new Functions(this, Catalogue.FUNCTIONS, functionsDir, version,
        variables(config, data, messaging));
    Apis apis = new Apis(this, config, prefix, functions);
    functions.provide(REALTIME_URL, apis.liveUrl());
    functions.provide(REALTIME_ENDPOINT, apis.liveCallbackUrl());
    functions.requireEveryVariable();
    FunctionGrants.grant(functions, data, messaging, apis, config);
    if (config.repliesByEmail()) {
      new InboundMail(this, config.inboundEmailDomain(), data.attachments(), messaging, prefix);
    }
    functions.connectEventSources(data, messaging);
    new Alarms(this, config, messaging, functions);
    explainNagFindings();
    LogicalIds.flatten(this);
  }

  /**
   * The values of the variables the functions are given, known once the data and the queues
   * exist (the live updates' URLs come later, from the APIs). A variable means the same for
   * every function that lists it.
   */
  private static Map<String, String> variables(InfraConfig config, Data data, Messaging messaging) {
    Map<String, String> values = new HashMap<>();
    data.tables().forEach((entry, table) -> values.put(entry.variable(), table.getTableName()));
    messaging.queues().forEach((entry, queue) ->
        entry.urlVariable().ifPresent(variable -> values.put(variable, queue.queue().getQueueUrl())));
    values.put(Catalogue.ATTACHMENTS_BUCKET_ENTRY.variable(), data.attachments().getBucketName());
    values.put(ATTACHMENT_MALWARE_SCAN, Boolean.toString(config.malwareScan()));
    values.put(JWT_SECRET_ARN, data.jwtSecret().getSecretArn());
    values.put(CORS_ALLOWED_ORIGINS, String.join(",", config.allowedOrigins()));
    values.put(AI_PROVIDER, config.aiProvider());
    values.put(BEDROCK_MODEL_ID, config.bedrockModelId());
    values.put(ADMIN_NOTIFICATION_EMAILS, String.join(",", config.adminEmails()));
    values.put(FRONTEND_URL, config.frontendUrl());
    values.put(SES_FROM_ADDRESS, config.senderAddress());
    values.put(AUTO_REPLY_ENABLED, "true");
    values.put(EnvironmentVariables.SLA_FIRST_RESPONSE_MINUTES, config.slaFirstResponseMinutes());
    values.put(EnvironmentVariables.SLA_RESOLUTION_HOURS, config.slaResolutionHours());
    values.put(EnvironmentVariables.AUTO_CLOSE_AFTER, config.autoCloseAfter());
    values.put(AI_MAX_REPLIES_PER_TICKET, "5");
    values.put(EnvironmentVariables.ASSISTANT_HANDOFF_THRESHOLD, config.assistantHandoffThreshold());
    // Empty when replies by email are off: no reply addresses, and no mail reaches the inbound function.
    values.put(EnvironmentVariables.INBOUND_EMAIL_DOMAIN, config.inboundEmailDomain());
    values.put(EnvironmentVariables.REPLY_ADDRESS_SECRET_ARN,
        data.replySecret().map(secret -> secret.getSecretArn()).orElse(""));
    return values;
  }

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
                + " attachments/*), whose keys are made per upload, and received mail (inbound/*), whose keys SES"
                + " makes per mail; GuardDuty's managed EventBridge rules"
                + " (DO-NOT-DELETE-AmazonGuardDutyMalwareProtectionS3*, named by GuardDuty); the live updates"
                + " API's own connections (<LiveApi>/*/*/@connections/*: ids are made per connection); every other grant"
                + " names its resource")
            .appliesTo(List.of(RegexAppliesTo.builder().regex("/^Resource::<[A-Za-z0-9]+\\.Arn>\\/index\\/\\*$/g").build(),
                "Resource::*",
                RegexAppliesTo.builder()
                    .regex("/^Resource::<AttachmentsBucket[A-Za-z0-9]+\\.Arn>\\/(quarantine|attachments|inbound)\\/\\*$/g").build(),
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
            + " the tokens; rotating it is a coordinated change of both, not an automatic one. The reply address"
            + " key is rotated by putting a new version: the functions sign with AWSCURRENT and still accept"
            + " AWSPREVIOUS, so mail sent before a rotation can be answered"),
        suppression("AwsSolutions-SQS3", "the stream-failures queue is itself the failure destination of the"
            + " stream mappings (a dead-letter queue in all but name); its messages are inspected by people")));
  }

  private static NagPackSuppression suppression(String id, String reason) {
    return NagPackSuppression.builder().id(id).reason(reason).build();
  }

}
