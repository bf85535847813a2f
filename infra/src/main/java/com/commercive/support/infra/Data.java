package com.commercive.support.infra;

import com.commercive.support.resources.BucketEntry;
import com.commercive.support.resources.Catalogue;
import com.commercive.support.resources.SupportBuckets;
import com.commercive.support.resources.TableEntry;
import com.commercive.support.resources.TableSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
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
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/** What the system keeps: the catalogue's tables, the attachments bucket (and its malware scan), the token secret. */
final class Data extends StackPart {
  private final Map<TableEntry, ITable> tables = new LinkedHashMap<>();
  private final Bucket attachments;
  private final ISecret jwtSecret;
  private final Optional<Secret> replySecret;

  Data(Construct scope, InfraConfig config, IQueue attachmentChecks) {
    super(scope, "Data");
    for (TableEntry entry : Catalogue.TABLES) {
      tables.put(entry, entry.equals(Catalogue.USERS) ? users(config) : table(entry.id(), entry.spec()));
    }
    attachments = attachmentsBucket(Catalogue.ATTACHMENTS_BUCKET_ENTRY, config, attachmentChecks);

    // The token secret: created here (a random value) or imported; functions get its ARN only.
    jwtSecret = config.existingJwtSecretArn().isBlank()
        ? Secret.Builder.create(this, "JwtSecret").description("Commercive Support token signing key")
            .generateSecretString(SecretStringGenerator.builder().passwordLength(64).excludePunctuation(true).build())
            .build()
        : Secret.fromSecretCompleteArn(this, "JwtSecret", config.existingJwtSecretArn());
    // The key that signs reply addresses: a new version rotates it (the previous one still verifies).
    replySecret = config.repliesByEmail()
        ? Optional.of(Secret.Builder.create(this, "ReplyAddressSecret")
            .description("Commercive Support reply address signing key")
            .generateSecretString(SecretStringGenerator.builder().passwordLength(64).excludePunctuation(true).build())
            .build())
        : Optional.empty();
  }

  /** The reply addresses' signing key, when replies by email are set up. */
  Optional<Secret> replySecret() {
    return replySecret;
  }

  ITable table(TableEntry entry) {
    return tables.get(entry);
  }

  Map<TableEntry, ITable> tables() {
    return tables;
  }

  Bucket attachments() {
    return attachments;
  }

  ISecret jwtSecret() {
    return jwtSecret;
  }

  /** The platform's users table, imported when the stack is told its name; created otherwise. */
  private ITable users(InfraConfig config) {
    return config.importsUsersTable()
        ? Table.fromTableName(this, Catalogue.USERS.id(), config.existingUsersTable())
        // The id it has had since the stack first created it: a new one would replace the table.
        : table(Catalogue.USERS.id() + "Table", Catalogue.USERS.spec());
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

  /**
   * A private bucket browsers upload to with presigned POSTs (CORS for the allowed origins), TLS
   * only; files land under quarantine/ and move to attachments/ once checked. Anything left in
   * quarantine (never uploaded in full, never checked) goes after a day; the checked files of
   * uploads never sent go when their record expires (see docs/attachments.md).
   */
  private Bucket attachmentsBucket(BucketEntry entry, InfraConfig config, IQueue checks) {
    Bucket bucket = Bucket.Builder.create(this, entry.id())
        .blockPublicAccess(BlockPublicAccess.BLOCK_ALL).encryption(BucketEncryption.S3_MANAGED).enforceSsl(true)
        .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED).versioned(false)
        .eventBridgeEnabled(config.malwareScan())
        .cors(List.of(CorsRule.builder().allowedOrigins(config.allowedOrigins())
            .allowedMethods(List.of(HttpMethods.POST, HttpMethods.GET)).allowedHeaders(List.of("*"))
            // A page that downloads a file reads the name it is saved under.
            .exposedHeaders(List.of("Content-Disposition"))
            .maxAge(3000).build()))
        .lifecycleRules(List.of(
            LifecycleRule.builder().id("unchecked-uploads").prefix(SupportBuckets.QUARANTINE_PREFIX)
                .expiration(Duration.days(1)).build(),
            // Received mail is kept a month: long enough to look at and redrive from the dead-letter queue.
            LifecycleRule.builder().id("received-mail").prefix(SupportBuckets.INBOUND_PREFIX)
                .expiration(Duration.days(30)).build(),
            LifecycleRule.builder().id("incomplete-uploads")
                .abortIncompleteMultipartUploadAfter(Duration.days(1)).build()))
        .removalPolicy(RemovalPolicy.RETAIN)
        .build();
    NotificationKeyFilter quarantine = NotificationKeyFilter.builder().prefix(SupportBuckets.QUARANTINE_PREFIX).build();
    bucket.addEventNotification(EventType.OBJECT_CREATED, new SqsDestination(checks), quarantine);
    if (config.malwareScan()) {
      // The scan's verdict arrives as a tag on the object: its own notification runs the check again.
      bucket.addEventNotification(EventType.OBJECT_TAGGING_PUT, new SqsDestination(checks), quarantine);
      malwareProtection(bucket);
    }
    CfnOutput.Builder.create(this, entry.id() + "Name").value(bucket.getBucketName()).build();
    return bucket;
  }

  /**
   * GuardDuty Malware Protection for S3 on the quarantine prefix, tagging each scanned object with
   * its verdict, through a role only GuardDuty's malware protection may assume, with the
   * permissions AWS documents for it: its managed EventBridge rule, the bucket's notifications,
   * reading and tagging the objects.
   */
  private void malwareProtection(Bucket bucket) {
    Stack stack = Stack.of(this);
    Role role = Role.Builder.create(this, "MalwareProtectionRole")
        .assumedBy(new ServicePrincipal("malware-protection-plan.guardduty.amazonaws.com"))
        .description("GuardDuty Malware Protection for the attachments bucket").build();
    String ruleArn = "arn:" + stack.getPartition() + ":events:" + stack.getRegion() + ":" + stack.getAccount()
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
        .resources(List.of(bucket.arnForObjects(SupportBuckets.QUARANTINE_PREFIX + "*"))).build());
    CfnMalwareProtectionPlan.Builder.create(this, "MalwareProtectionPlan")
        .role(role.getRoleArn())
        .protectedResource(CfnMalwareProtectionPlan.CFNProtectedResourceProperty.builder()
            .s3Bucket(CfnMalwareProtectionPlan.S3BucketProperty.builder().bucketName(bucket.getBucketName())
                .objectPrefixes(List.of(SupportBuckets.QUARANTINE_PREFIX)).build()).build())
        .actions(CfnMalwareProtectionPlan.CFNActionsProperty.builder()
            .tagging(CfnMalwareProtectionPlan.CFNTaggingProperty.builder().status("ENABLED").build()).build())
        .build();
  }
}
