package com.commercive.support.liveupdates;

import com.commercive.support.config.SupportConfig;
import com.commercive.support.realtime.LiveUpdates;

/** The pusher's parts: the live updates it sends, and the tables whose streams it reads. */
public record StreamPushWiring(LiveUpdates live, String ticketsTable, String messagesTable, String attachmentsTable) {

  public static StreamPushWiring from(SupportConfig config) {
    return new StreamPushWiring(LiveUpdatesWiring.liveUpdates(config), config.tables().tickets(),
        config.tables().messages(), config.tables().attachments());
  }
}
