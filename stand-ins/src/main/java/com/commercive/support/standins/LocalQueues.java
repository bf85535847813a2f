package com.commercive.support.standins;

import com.commercive.support.resources.SupportQueues.QueueSpec;
import com.commercive.support.resources.SupportQueues;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Creates the queues of {@link SupportQueues} in a local SQS (ElasticMQ), each with its
 * dead-letter queue; on AWS the CDK stack declares the same specs.
 */
public final class LocalQueues {
  private LocalQueues() {}

  /** The URLs of the queues, once created. */
  public record QueueUrls(String aiJobs, String aiJobsDlq, String notifications, String notificationsDlq,
      String streamFailures, String attachmentChecks, String attachmentChecksDlq, String inboundMail,
      String inboundMailDlq) {
    /** The URL of the queue {@code spec} describes. */
    public String url(QueueSpec spec) {
      if (spec == SupportQueues.AI_JOBS) {
        return aiJobs;
      } else if (spec == SupportQueues.NOTIFICATIONS) {
        return notifications;
      } else if (spec == SupportQueues.STREAM_FAILURES) {
        return streamFailures;
      } else if (spec == SupportQueues.ATTACHMENT_CHECKS) {
        return attachmentChecks;
      } else if (spec == SupportQueues.INBOUND_MAIL) {
        return inboundMail;
      }
      throw new IllegalArgumentException("no local queue is described by " + spec);
    }
  }

  public static QueueUrls createAll(SqsClient sqs, int visibilityTimeoutSeconds) {
    String prefix = SupportQueues.LOCAL_PREFIX;
    String aiJobsDlq = create(sqs, SupportQueues.AI_JOBS.deadLetterName(prefix), true, Map.of());
    String notificationsDlq = create(sqs, SupportQueues.NOTIFICATIONS.deadLetterName(prefix), false, Map.of());
    String aiJobs = createWithDeadLetterQueue(sqs, SupportQueues.AI_JOBS, aiJobsDlq, visibilityTimeoutSeconds);
    String notifications =
        createWithDeadLetterQueue(sqs, SupportQueues.NOTIFICATIONS, notificationsDlq, visibilityTimeoutSeconds);
    String streamFailures = create(sqs, SupportQueues.STREAM_FAILURES.name(prefix), false, Map.of());
    String checksDlq = create(sqs, SupportQueues.ATTACHMENT_CHECKS.deadLetterName(prefix), false, Map.of());
    String checks = createWithDeadLetterQueue(sqs, SupportQueues.ATTACHMENT_CHECKS, checksDlq, visibilityTimeoutSeconds);
    String inboundDlq = create(sqs, SupportQueues.INBOUND_MAIL.deadLetterName(prefix), false, Map.of());
    String inbound = createWithDeadLetterQueue(sqs, SupportQueues.INBOUND_MAIL, inboundDlq, visibilityTimeoutSeconds);
    return new QueueUrls(aiJobs, aiJobsDlq, notifications, notificationsDlq, streamFailures, checks, checksDlq,
        inbound, inboundDlq);
  }

  private static String createWithDeadLetterQueue(
      SqsClient sqs, QueueSpec spec, String deadLetterQueueUrl, int visibilityTimeoutSeconds) {
    return create(sqs, spec.name(SupportQueues.LOCAL_PREFIX), spec.fifo(), Map.of(
        QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(visibilityTimeoutSeconds),
        QueueAttributeName.REDRIVE_POLICY, redrive(sqs, deadLetterQueueUrl)));
  }

  /** Creates a queue (or finds it, with the same attributes) and returns its URL. */
  public static String create(
      SqsClient sqs, String name, boolean fifo, Map<QueueAttributeName, String> attributes) {
    Map<QueueAttributeName, String> all = new HashMap<>(attributes);
    if (fifo) {
      all.put(QueueAttributeName.FIFO_QUEUE, "true");
    }
    return sqs.createQueue(r -> r.queueName(name).attributes(all)).queueUrl();
  }

  private static String redrive(SqsClient sqs, String deadLetterQueueUrl) {
    String arn =
        sqs.getQueueAttributes(r -> r.queueUrl(deadLetterQueueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
            .attributes()
            .get(QueueAttributeName.QUEUE_ARN);
    return "{\"deadLetterTargetArn\":\"" + arn + "\",\"maxReceiveCount\":\"" + SupportQueues.MAX_RECEIVE_COUNT + "\"}";
  }
}
