package com.commercive.support.resources;

/**
 * What runs a function: a table's stream, a queue's messages, a schedule, the HTTP API's requests
 * or the WebSocket API's frames. On AWS each is an event source mapping or an API integration; locally
 * the runner's pollers and servers drive the same handlers.
 */
public sealed interface EventSource {
  /**
   * The HTTP API: every route no function takes with an {@link #httpRoute} reaches the one
   * function with this source, which routes the request itself.
   */
  EventSource HTTP_REQUESTS = new HttpRequests();
  /** The WebSocket API: {@code $connect}, {@code $disconnect} and {@code $default} reach the one function. */
  EventSource WEB_SOCKET_FRAMES = new WebSocketFrames();

  /** Every change to {@code table}, in order per item. */
  static TableStream changesTo(TableEntry table) {
    return new TableStream(table, false);
  }

  /** Only DynamoDB's own removals of {@code table}'s expired items (its time to live), nothing else. */
  static TableStream expiriesIn(TableEntry table) {
    return new TableStream(table, true);
  }

  /** {@code queue}'s messages in batches of up to 10, at most 5 batches at a time. */
  static QueueMessages messagesOn(QueueEntry queue) {
    return new QueueMessages(queue, 10, 0, 5);
  }

  /** The HTTP API's requests to {@code method} {@code path} (a route of their own, to this function). */
  static HttpRoute httpRoute(String method, String path) {
    return new HttpRoute(method, path);
  }

  /** {@code schedule}'s every firing. */
  static Scheduled firingsOf(ScheduleEntry schedule) {
    return new Scheduled(schedule);
  }

  /** A table's stream; {@code expiriesOnly}: only the time-to-live removals reach the function. */
  record TableStream(TableEntry table, boolean expiriesOnly) implements EventSource {}

  /**
   * A queue's messages, in batches of up to {@code batchSize} gathered for up to
   * {@code batchingWindowSeconds} (0: no wait), at most {@code maxConcurrency} batches at a time.
   */
  record QueueMessages(QueueEntry queue, int batchSize, int batchingWindowSeconds, int maxConcurrency)
      implements EventSource {
    public QueueMessages withBatchingWindow(int seconds) {
      return new QueueMessages(queue, batchSize, seconds, maxConcurrency);
    }

    public QueueMessages withBatchSize(int size) {
      return new QueueMessages(queue, size, batchingWindowSeconds, maxConcurrency);
    }
  }

  record Scheduled(ScheduleEntry schedule) implements EventSource {}

  record HttpRequests() implements EventSource {}

  /** One route of the HTTP API, as API Gateway names it: {@code key()} is {@code METHOD /path}. */
  record HttpRoute(String method, String path) implements EventSource {
    public String key() {
      return method + " " + path;
    }
  }

  record WebSocketFrames() implements EventSource {}
}
