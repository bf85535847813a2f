package com.commercive.support.infra;

import com.commercive.support.resources.Catalogue;
import com.commercive.support.resources.QueueEntry;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

/** The catalogue's queues, each with its dead-letter queue, named after {@code prefix}. */
final class Messaging extends StackPart {
  private final Map<QueueEntry, QueueWithDeadLetterQueue> queues = new LinkedHashMap<>();

  Messaging(Construct scope, String prefix) {
    super(scope, "Messaging");
    for (QueueEntry entry : Catalogue.QUEUES) {
      queues.put(entry, new QueueWithDeadLetterQueue(this, entry, prefix, Catalogue.consumerOf(entry)));
    }
  }

  Queue queue(QueueEntry entry) {
    return queues.get(entry).queue();
  }

  Map<QueueEntry, QueueWithDeadLetterQueue> queues() {
    return queues;
  }

  Collection<QueueWithDeadLetterQueue> all() {
    return queues.values();
  }
}
