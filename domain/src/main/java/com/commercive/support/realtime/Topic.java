package com.commercive.support.realtime;

import java.util.Objects;

/** What a connection listens to: one ticket, or (admins) the whole inbox. */
public record Topic(String ticketId) {
  private static final Topic INBOX = new Topic(null);

  public static Topic ticket(String ticketId) {
    return new Topic(Objects.requireNonNull(ticketId, "ticketId"));
  }

  public static Topic inbox() {
    return INBOX;
  }

  public boolean isInbox() {
    return ticketId == null;
  }

  /** Its name in storage: {@code ticket#<id>} or {@code inbox}. */
  public String key() {
    return isInbox() ? "inbox" : "ticket#" + ticketId;
  }
}
