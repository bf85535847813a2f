package com.commercive.support.infra;

import com.commercive.support.resources.Catalogue;
import com.commercive.support.resources.SupportBuckets;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.ses.ReceiptRuleOptions;
import software.amazon.awscdk.services.ses.ReceiptRuleSet;
import software.amazon.awscdk.services.ses.actions.S3;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.SqsSubscription;
import software.constructs.Construct;

/**
 * Replies by email on AWS: a receipt rule set whose one rule takes all mail for the inbound domain,
 * scanned for spam and viruses, stores it raw in the attachments bucket under {@code inbound/} (the
 * S3 action adds the bucket policy that lets SES write there, for this account only) and publishes
 * SES's notification, with its verdicts, to a topic encrypted with a key of its own, delivered raw to
 * the inbound-email function's queue. SES allows one active rule set per region: the README says
 * how to make this one active and point the domain's MX record at SES.
 */
final class InboundMail extends StackPart {
  private final ReceiptRuleSet ruleSet;

  InboundMail(Construct scope, String domain, IBucket bucket, Messaging messaging, String prefix) {
    super(scope, "InboundMail");
    Stack stack = Stack.of(this);
    Key key = Key.Builder.create(this, "InboundMailKey").enableKeyRotation(true)
        .description("Commercive Support: SES's notifications of received mail").build();
    // SES publishes to the encrypted topic: it needs the key, for this account's mail only.
    key.addToResourcePolicy(PolicyStatement.Builder.create()
        .principals(List.of(new ServicePrincipal("ses.amazonaws.com")))
        .actions(List.of("kms:GenerateDataKey*", "kms:Decrypt")).resources(List.of("*"))
        .conditions(Map.of("StringEquals", Map.of("aws:SourceAccount", stack.getAccount()))).build());
    Topic topic = Topic.Builder.create(this, "InboundMailTopic").masterKey(key).enforceSsl(true)
        .displayName("Commercive Support received mail").build();
    topic.addSubscription(SqsSubscription.Builder.create(messaging.queue(Catalogue.INBOUND_MAIL))
        .rawMessageDelivery(true).build());
    ruleSet = ReceiptRuleSet.Builder.create(this, "InboundMailRules").receiptRuleSetName(prefix + "-inbound")
        .rules(List.of(ReceiptRuleOptions.builder().recipients(List.of(domain)).scanEnabled(true)
            .actions(List.of(S3.Builder.create().bucket(bucket).objectKeyPrefix(SupportBuckets.INBOUND_PREFIX)
                .topic(topic).build()))
            .build()))
        .build();
    CfnOutput.Builder.create(this, "InboundMailRuleSetName").value(ruleSet.getReceiptRuleSetName())
        .description("make it active: aws ses set-active-receipt-rule-set --rule-set-name <this>").build();
  }

  ReceiptRuleSet ruleSet() {
    return ruleSet;
  }
}
