package com.commercive.support.store;

import com.commercive.support.realtime.LiveEvent;

/** Sends an event down one open connection (API Gateway's management API on AWS). */
public interface ConnectionPusher {
  /**
   * @return false when the connection is gone (it answered 410): its records should go too
   */
  boolean push(String connectionId, LiveEvent event);
}
