package com.commercive.support.resources;

import java.util.List;

/**
 * The pipeline's queues and their dead-letter queues, by name after a prefix
 * ({@code commercive-support} locally, {@code commercive-support-<stage>} on AWS).
 */
public final class SupportQueues {
  /** Deliveries before a message moves to its dead-letter queue. */
  public static final int MAX_RECEIVE_COUNT = 5;
  public static final String LOCAL_PREFIX = "commercive-support";

  /** AI jobs: FIFO, one group per ticket, so a ticket gets one reply at a time. */
  public static final QueueSpec AI_JOBS = new QueueSpec("ai-jobs", true, true);
  public static final QueueSpec NOTIFICATIONS = new QueueSpec("notifications", false, true);
  /** Stream records that kept failing (the stream mappings' on-failure destination). */
  public static final QueueSpec STREAM_FAILURES = new QueueSpec("stream-failures", false, false);
  /** The attachments bucket's event notifications (a file stored, a scan's verdict tagged): the checking function's. */
  public static final QueueSpec ATTACHMENT_CHECKS = new QueueSpec("attachment-checks", false, true);
  /** SES's notifications of received mail (replies by email): the inbound-email function's. */
  public static final QueueSpec INBOUND_MAIL = new QueueSpec("inbound-mail", false, true);
  public static final List<QueueSpec> ALL = List.of(AI_JOBS, NOTIFICATIONS, STREAM_FAILURES, ATTACHMENT_CHECKS,
      INBOUND_MAIL);

  private SupportQueues() {}

  /** A queue: its name after the prefix, FIFO or not, and whether it has a dead-letter queue. */
  public record QueueSpec(String baseName, boolean fifo, boolean deadLettered) {
    public String name(String prefix) {
      return prefix + "-" + baseName + (fifo ? ".fifo" : "");
    }

    public String deadLetterName(String prefix) {
      return prefix + "-" + baseName + "-dlq" + (fifo ? ".fifo" : "");
    }
  }
}
