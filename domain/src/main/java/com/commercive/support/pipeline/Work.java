package com.commercive.support.pipeline;

/** What a change to the tables puts on the queues: an auto-reply job or a notification. */
public sealed interface Work permits AiJob, Notification {
  /** The ticket the work is about. */
  String ticketId();
}
