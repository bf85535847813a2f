package com.commercive.support.config;

import static com.commercive.support.resources.EnvironmentVariables.AI_JOBS_QUEUE_URL;
import static com.commercive.support.resources.EnvironmentVariables.NOTIFICATIONS_QUEUE_URL;

import java.util.Optional;

/** The pipeline's queues ({@code AI_JOBS_QUEUE_URL}, {@code NOTIFICATIONS_QUEUE_URL}): only the stream processor sends to them. */
public record QueueSettings(Optional<String> aiJobsQueueUrl, Optional<String> notificationsQueueUrl) {
  public static QueueSettings from(Environment env) {
    return new QueueSettings(env.value(AI_JOBS_QUEUE_URL), env.value(NOTIFICATIONS_QUEUE_URL));
  }

  public String aiJobsQueue() {
    return aiJobsQueueUrl.orElseThrow(() -> new IllegalArgumentException("AI_JOBS_QUEUE_URL is not set"));
  }

  public String notificationsQueue() {
    return notificationsQueueUrl.orElseThrow(() -> new IllegalArgumentException("NOTIFICATIONS_QUEUE_URL is not set"));
  }
}
