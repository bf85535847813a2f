package com.commercive.support.store.sqs;

import com.commercive.support.domain.WarmUp;
import com.commercive.support.lambda.WorkMessages;
import com.commercive.support.pipeline.AiJob;
import com.commercive.support.pipeline.Notification;
import com.commercive.support.pipeline.WorkQueue;
import com.commercive.support.util.Hashes;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * AI jobs on a FIFO queue grouped by ticket (one reply at a time per ticket), de-duplicated on
 * the stream record that caused them; notifications on a standard queue.
 */
public final class SqsWorkQueue implements WorkQueue {
  private final SqsClient sqs;
  private final String aiJobsQueueUrl;
  private final String notificationsQueueUrl;

  public SqsWorkQueue(SqsClient sqs, String aiJobsQueueUrl, String notificationsQueueUrl) {
    this.sqs = sqs;
    this.aiJobsQueueUrl = aiJobsQueueUrl;
    this.notificationsQueueUrl = notificationsQueueUrl;
  }

  @Override
  public void enqueue(AiJob job) {
    sqs.sendMessage(
        r ->
            r.queueUrl(aiJobsQueueUrl)
                .messageBody(WorkMessages.write(job))
                .messageGroupId(job.ticketId())
                // At most 128 characters: a digest of the stream event id.
                .messageDeduplicationId(Hashes.sha256(job.eventId())));
  }

  /**
   * Reads each queue's depth and writes one message of each kind: the calls and classes a send
   * needs, sending nothing.
   */
  @Override
  public void warmUp() {
    String id = WarmUp.ID;
    WorkMessages.write(new AiJob(id, id, id));
    WorkMessages.write(new Notification(id, Notification.Kind.REPLY, id, id));
    for (String queueUrl : new String[] {aiJobsQueueUrl, notificationsQueueUrl}) {
      sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
    }
  }

  @Override
  public void enqueue(Notification notification) {
    sqs.sendMessage(
        r -> r.queueUrl(notificationsQueueUrl).messageBody(WorkMessages.write(notification)));
  }
}
