package com.commercive.support.pipeline;

/** Where the pipeline puts work for the AI worker and the notifier. */
public interface WorkQueue {
  /** Queues an auto-reply job; jobs of one ticket are handled one at a time, in order. */
  void enqueue(AiJob job);

  void enqueue(Notification notification);

  /** Reaches the queues without sending anything (a SnapStart warm-up); none by default. */
  default void warmUp() {}
}
