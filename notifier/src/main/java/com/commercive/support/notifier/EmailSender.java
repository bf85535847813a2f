package com.commercive.support.notifier;

/** Sends email; throws when the provider refuses or fails, after its own bounded retries. */
public interface EmailSender {
  void send(Email email);
}
