package com.commercive.support.store.sqs;

import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The queues of the pipeline and their dead-letter queues, as the local runner creates them and
 * as the infrastructure code must declare them.
 */
public final class SupportQueues {
  public static final String AI_JOBS = "commercive-support-ai-jobs.fifo";
  public static final String AI_JOBS_DLQ = "commercive-support-ai-jobs-dlq.fifo";
  public static final String NOTIFICATIONS = "commercive-support-notifications";
  public static final String NOTIFICATIONS_DLQ = "commercive-support-notifications-dlq";
  /** Stream records that kept failing (the stream mappings' on-failure destination). */
  public static final String STREAM_FAILURES = "commercive-support-stream-failures";
  public static final int MAX_RECEIVE_COUNT = 5;

  private SupportQueues() {}

  /** The URLs of the queues, once created. */
  public record QueueUrls(String aiJobs, String aiJobsDlq, String notifications, String notificationsDlq,
      String streamFailures) {}

  public static QueueUrls createAll(SqsClient sqs, int visibilityTimeoutSeconds) {
    String aiJobsDlq = create(sqs, AI_JOBS_DLQ, true, Map.of());
    String notificationsDlq = create(sqs, NOTIFICATIONS_DLQ, false, Map.of());
    String aiJobs = create(sqs, AI_JOBS, true, Map.of(
        QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(visibilityTimeoutSeconds),
        QueueAttributeName.REDRIVE_POLICY, redrive(sqs, aiJobsDlq)));
    String notifications = create(sqs, NOTIFICATIONS, false, Map.of(
        QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(visibilityTimeoutSeconds),
        QueueAttributeName.REDRIVE_POLICY, redrive(sqs, notificationsDlq)));
    String streamFailures = create(sqs, STREAM_FAILURES, false, Map.of());
    return new QueueUrls(aiJobs, aiJobsDlq, notifications, notificationsDlq, streamFailures);
  }

  /** Creates a queue (or finds it, with the same attributes) and returns its URL. */
  public static String create(
      SqsClient sqs, String name, boolean fifo, Map<QueueAttributeName, String> attributes) {
    Map<QueueAttributeName, String> all = new java.util.HashMap<>(attributes);
    if (fifo) {
      all.put(QueueAttributeName.FIFO_QUEUE, "true");
    }
    return sqs.createQueue(r -> r.queueName(name).attributes(all)).queueUrl();
  }

  public static String redrive(SqsClient sqs, String deadLetterQueueUrl) {
    String arn =
        sqs.getQueueAttributes(r -> r.queueUrl(deadLetterQueueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
            .attributes()
            .get(QueueAttributeName.QUEUE_ARN);
    return "{\"deadLetterTargetArn\":\"" + arn + "\",\"maxReceiveCount\":\"" + MAX_RECEIVE_COUNT + "\"}";
  }
}
