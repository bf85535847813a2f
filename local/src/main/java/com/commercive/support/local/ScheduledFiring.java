package com.commercive.support.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires a scheduled function as its EventBridge rule does on AWS: every {@code interval}, one
 * invocation with a scheduled event, the next only after the last has finished. A failed firing
 * is logged; the next fires on time.
 */
final class ScheduledFiring implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(ScheduledFiring.class);

  private final String functionName;
  private final RequestHandler<ScheduledEvent, ?> handler;
  private final Duration interval;
  private volatile boolean running = true;

  ScheduledFiring(String functionName, RequestHandler<ScheduledEvent, ?> handler, Duration interval) {
    this.functionName = functionName;
    this.handler = handler;
    this.interval = interval;
  }

  void stop() {
    running = false;
  }

  @Override
  public void run() {
    while (running) {
      long started = System.currentTimeMillis();
      try {
        handler.handleRequest(new ScheduledEvent(), new LocalLambdaContext(UUID.randomUUID().toString(), functionName,
            started + 60_000));
      } catch (RuntimeException failure) {
        if (running) {
          LOG.error("scheduled function failed; it fires again at its next time", failure);
        }
      }
      long wait = interval.toMillis() - (System.currentTimeMillis() - started);
      // Sleep in short steps, so a stop is seen at once.
      while (running && wait > 0) {
        try {
          Thread.sleep(Math.min(wait, 200));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        wait -= 200;
      }
    }
  }
}
