package com.commercive.support.resources;

import java.util.Optional;

/**
 * A queue in the catalogue: the id the stack declares it under (its dead-letter queue's is
 * {@code <id>Dlq}), its spec, and the variable that tells the functions sending to it its URL
 * (none when only AWS sends to it).
 */
public record QueueEntry(String id, SupportQueues.QueueSpec spec, Optional<String> urlVariable) {
  public String deadLetterId() {
    return id + "Dlq";
  }
}
