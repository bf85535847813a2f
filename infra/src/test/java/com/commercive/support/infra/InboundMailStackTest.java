package com.commercive.support.infra;

import static com.commercive.support.infra.SupportStackTest.map;
import static com.commercive.support.infra.SupportStackTest.ofType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** Issue 26 on AWS: SES's receipt rule, the bucket prefix it writes, the topic and queue, the key, the grants. */
class InboundMailStackTest {
  static Template template;
  static Map<String, Object> resources;

  @BeforeAll
  static void synthesize() {
    template = SupportStackTest.synth(Map.of("stage", "test", "inboundEmailDomain", "Support.Commercive.com"));
    resources = SupportStackTest.resourcesOf(template);
  }

  /** The policy statements of a function's role, as text. */
  static String policyOf(String functionId) {
    StringBuilder text = new StringBuilder();
    for (Map<String, Object> policy : ofType(resources, "AWS::IAM::Policy")) {
      if (String.valueOf(map(policy.get("Properties")).get("Roles")).contains(functionId + "ServiceRole")) {
        text.append(map(policy.get("Properties")).get("PolicyDocument"));
      }
    }
    return text.toString();
  }

  static Map<String, Object> environmentOf(Template t, String handlerClass) {
    for (Map<String, Object> fn : ofType(SupportStackTest.resourcesOf(t), "AWS::Lambda::Function")) {
      Map<String, Object> props = map(fn.get("Properties"));
      if (String.valueOf(props.get("Handler")).startsWith(handlerClass)) {
        return map(map(props.get("Environment")).get("Variables"));
      }
    }
    throw new AssertionError("no function " + handlerClass);
  }

  @Test
  void oneRuleTakesTheDomainsMailScannedStoresItUnderInboundAndAnnouncesItOnAnEncryptedTopic() {
    template.resourceCountIs("AWS::SES::ReceiptRuleSet", 1);
    template.hasResourceProperties("AWS::SES::ReceiptRule", Map.of("Rule", Match.objectLike(Map.of(
        "Recipients", List.of("support.commercive.com"), "ScanEnabled", true, "Enabled", true,
        "Actions", List.of(Map.of("S3Action", Match.objectLike(Map.of("ObjectKeyPrefix", "inbound/",
            "BucketName", Match.anyValue(), "TopicArn", Match.anyValue()))))))));
    template.hasResourceProperties("AWS::SNS::Topic", Map.of("KmsMasterKeyId", Match.anyValue()));
    template.hasResourceProperties("AWS::KMS::Key", Map.of("EnableKeyRotation", true,
        "KeyPolicy", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
            "Principal", Map.of("Service", "ses.amazonaws.com"),
            "Action", List.of("kms:GenerateDataKey*", "kms:Decrypt")))))))));
    template.hasResourceProperties("AWS::SNS::Subscription", Map.of("Protocol", "sqs", "RawMessageDelivery", true,
        "Endpoint", Map.of("Fn::GetAtt", List.of(inboundQueueId(), "Arn"))));
  }

  static String inboundQueueId() {
    return ofType(resources, "AWS::SQS::Queue").stream()
        .filter(q -> String.valueOf(map(q.get("Properties")).get("QueueName")).endsWith("-inbound-mail"))
        .map(q -> (String) q.get("LogicalId")).findFirst().orElseThrow();
  }

  @Test
  void sesMayWriteOnlyUnderInboundForThisAccountAndReceivedMailIsKeptAMonth() {
    String bucketPolicy = String.valueOf(ofType(resources, "AWS::S3::BucketPolicy"));
    assertThat(bucketPolicy).contains("ses.amazonaws.com").contains("s3:PutObject").contains("/inbound/*")
        .contains("aws:SourceAccount");
    template.hasResourceProperties("AWS::S3::Bucket", Map.of("LifecycleConfiguration", Map.of("Rules",
        Match.arrayWith(List.of(Match.objectLike(Map.of("Id", "received-mail", "Prefix", "inbound/",
            "ExpirationInDays", 30)))))));
  }

  @Test
  void theInboundFunctionReadsOnlyReceivedMailAndTheReplyKeyIsReadOnlyByWhoSignsAndChecks() {
    String inbound = policyOf("InboundEmail");
    assertThat(inbound).doesNotContain("/attachments/*").doesNotContain("s3:DeleteObject").doesNotContain("ses:")
        .doesNotContain("sqs:SendMessage").contains("secretsmanager:GetSecretValue");
    // It reads received mail, and puts a mail's files where uploads land, for the same check.
    for (String statement : inbound.split("\\}, \\{")) {
      if (statement.contains("s3:GetObject")) {
        assertThat(statement).contains("/inbound/*").doesNotContain("/quarantine/*");
      }
      if (statement.contains("s3:PutObject")) {
        assertThat(statement).contains("/quarantine/*").doesNotContain("/inbound/*");
      }
    }
    assertThat(policyOf("Notifier")).contains("secretsmanager:GetSecretValue");
    assertThat(policyOf("Api")).as("the API signs nothing by email").doesNotContain("ReplyAddressSecret");
    template.resourceCountIs("AWS::SecretsManager::Secret", 2);
    Map<String, Object> notifier = environmentOf(template, "com.commercive.support.notifier.NotifierHandler");
    assertThat(notifier).containsEntry("INBOUND_EMAIL_DOMAIN", "support.commercive.com")
        .containsKey("REPLY_ADDRESS_SECRET_ARN").doesNotContainKey("REPLY_ADDRESS_SECRET");
    assertThat(environmentOf(template, "com.commercive.support.inbound.InboundEmailHandler"))
        .containsEntry("INBOUND_EMAIL_DOMAIN", "support.commercive.com").containsKey("REPLY_ADDRESS_SECRET_ARN");
  }

  @Test
  void oneMailACallSinceAMailWithFilesWaitsForTheirChecks() {
    template.hasResourceProperties("AWS::Lambda::EventSourceMapping", Map.of("BatchSize", 1,
        "EventSourceArn", Map.of("Fn::GetAtt", List.of(inboundQueueId(), "Arn")),
        "FunctionResponseTypes", List.of("ReportBatchItemFailures")));
    template.hasResourceProperties("AWS::Lambda::Function", Map.of(
        "Handler", "com.commercive.support.inbound.InboundEmailHandler::handleRequest", "Timeout", 60));
  }

  @Test
  void itsQueueHasADeadLetterQueueWatchedByAnAlarm() {
    String alarms = String.valueOf(ofType(resources, "AWS::CloudWatch::Alarm"));
    assertThat(alarms).contains("InboundMailDlq").contains("InboundEmail");
  }

  @Test
  void withoutADomainThereIsNoRuleNoKeyAndNoReplyAddresses() {
    Template off = SupportStackTest.synth(Map.of("stage", "test"));
    off.resourceCountIs("AWS::SES::ReceiptRuleSet", 0);
    off.resourceCountIs("AWS::SecretsManager::Secret", 1);
    assertThat(environmentOf(off, "com.commercive.support.notifier.NotifierHandler"))
        .containsEntry("INBOUND_EMAIL_DOMAIN", "").containsEntry("REPLY_ADDRESS_SECRET_ARN", "");
    assertThatThrownBy(() -> SupportStackTest.synth(Map.of("inboundEmailDomain", "not a domain")))
        .hasMessageContaining("inboundEmailDomain");
  }
}
