package com.commercive.support.store;

import com.commercive.support.realtime.LiveEvent;

/** Sends an event down one open connection (API Gateway's management API on AWS). */
public interface ConnectionPusher {
  /** What became of one event sent to one connection. */
  enum Result {
    DELIVERED,
    /** The connection is closed (it answered 410): its records should go too. */
    GONE,
    /**
     * It could not be reached this time (throttled, timed out): the adapter logged why. Delivery
     * is at most once, so this is not retried; the client reads the REST thread when it reconnects.
     */
    FAILED
  }

  Result push(String connectionId, LiveEvent event);
}
