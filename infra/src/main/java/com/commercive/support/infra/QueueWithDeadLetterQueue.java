package com.commercive.support.infra;

import com.commercive.support.resources.FunctionEntry;
import com.commercive.support.resources.QueueEntry;
import com.commercive.support.resources.SupportQueues;
import java.util.Optional;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * One queue of the catalogue, declared as every queue is: encrypted, TLS only, named after the
 * stage. A queue a function consumes hides a message for 6 × the function's timeout, and moves it
 * to its dead-letter queue after {@link SupportQueues#MAX_RECEIVE_COUNT} deliveries when its spec
 * has one; dead-letter queues, and a queue nobody consumes (one people read), keep messages 14 days.
 */
final class QueueWithDeadLetterQueue extends StackPart {
  private static final Duration KEPT_FOR_PEOPLE = Duration.days(14);
  private final Queue queue;
  private final Optional<Queue> deadLetterQueue;

  QueueWithDeadLetterQueue(Construct scope, QueueEntry entry, String prefix, Optional<FunctionEntry> consumer) {
    super(scope, entry.id());
    SupportQueues.QueueSpec spec = entry.spec();
    deadLetterQueue = spec.deadLettered()
        ? Optional.of(secure(Queue.Builder.create(this, entry.deadLetterId()), spec.fifo())
            .queueName(spec.deadLetterName(prefix)).retentionPeriod(KEPT_FOR_PEOPLE).build())
        : Optional.empty();
    Queue.Builder builder = secure(Queue.Builder.create(this, entry.id()), spec.fifo()).queueName(spec.name(prefix));
    consumer.ifPresentOrElse(
        fn -> builder.visibilityTimeout(Duration.seconds(6L * fn.timeoutSeconds())),
        () -> builder.retentionPeriod(KEPT_FOR_PEOPLE));
    deadLetterQueue.ifPresent(dead -> builder.deadLetterQueue(
        DeadLetterQueue.builder().queue(dead).maxReceiveCount(SupportQueues.MAX_RECEIVE_COUNT).build()));
    queue = builder.build();

    CfnOutput.Builder.create(this, entry.id() + "QueueName").value(queue.getQueueName()).build();
    deadLetterQueue.ifPresent(dead ->
        CfnOutput.Builder.create(this, entry.deadLetterId() + "Name").value(dead.getQueueName()).build());
  }

  Queue queue() {
    return queue;
  }

  /** Where the messages that failed end up: the dead-letter queue, or this queue when it is one. */
  Queue deadLetters() {
    return deadLetterQueue.orElse(queue);
  }

  private static Queue.Builder secure(Queue.Builder builder, boolean fifo) {
    builder.encryption(QueueEncryption.SQS_MANAGED).enforceSsl(true);
    if (fifo) {
      builder.fifo(true);
    }
    return builder;
  }
}
