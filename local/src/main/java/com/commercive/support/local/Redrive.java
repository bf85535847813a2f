package com.commercive.support.local;

import com.commercive.support.config.SupportConfig;
import com.commercive.support.resources.EnvironmentVariables;
import com.commercive.support.resources.SupportQueues;
import com.commercive.support.store.sqs.SqsClients;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Moves what a dead-letter queue holds back to its source queue, once the cause is fixed:
 * {@code java -cp local/target/commercive-support-local.jar com.commercive.support.local.Redrive
 * <queue> [sqs endpoint]}, the queue being any with a dead-letter queue ({@code notifications},
 * {@code ai-jobs}, {@code attachment-checks}, {@code inbound-mail}). (On AWS: {@code aws sqs
 * start-message-move-task}.)
 */
public final class Redrive {
  private Redrive() {}

  public static void main(String[] args) {
    List<SupportQueues.QueueSpec> redriven = SupportQueues.ALL.stream().filter(SupportQueues.QueueSpec::deadLettered)
        .toList();
    SupportQueues.QueueSpec queue = args.length < 1 ? null
        : redriven.stream().filter(spec -> spec.baseName().equals(args[0])).findFirst().orElse(null);
    if (queue == null) {
      System.err.println("usage: Redrive " + String.join("|", redriven.stream().map(SupportQueues.QueueSpec::baseName)
          .toList()) + " [http://127.0.0.1:9324]");
      System.exit(2);
      return;
    }
    URI endpoint = URI.create(args.length > 1 ? args[1] : "http://127.0.0.1:9324");
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put(EnvironmentVariables.AWS_ENDPOINT_URL_SQS, endpoint.toString());
    try (SqsClient sqs = SqsClients.create(SupportConfig.from(env))) {
      String source = sqs.getQueueUrl(r -> r.queueName(queue.name(SupportQueues.LOCAL_PREFIX))).queueUrl();
      String dead = sqs.getQueueUrl(r -> r.queueName(queue.deadLetterName(SupportQueues.LOCAL_PREFIX))).queueUrl();
      System.out.println("moved " + move(sqs, dead, source, queue.fifo()) + " message(s) back to " + source);
    }
  }

  /** Moves every message from {@code from} to {@code to}; returns how many. */
  static int move(SqsClient sqs, String from, String to, boolean fifo) {
    int moved = 0;
    while (true) {
      List<Message> batch = sqs.receiveMessage(r -> r.queueUrl(from).maxNumberOfMessages(10).waitTimeSeconds(1)
          .messageSystemAttributeNames(MessageSystemAttributeName.MESSAGE_GROUP_ID)).messages();
      if (batch.isEmpty()) {
        return moved;
      }
      for (Message message : batch) {
        sqs.sendMessage(r -> {
          r.queueUrl(to).messageBody(message.body());
          if (fifo) {
            String group = message.attributesAsStrings().getOrDefault("MessageGroupId", "redriven");
            r.messageGroupId(group).messageDeduplicationId(UUID.randomUUID().toString());
          }
        });
        sqs.deleteMessage(r -> r.queueUrl(from).receiptHandle(message.receiptHandle()));
        moved++;
      }
    }
  }
}
