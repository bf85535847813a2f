package com.commercive.support.email;

/** Sends email; throws when the provider refuses or fails, after its own bounded retries. */
public interface EmailSender {
  void send(Email email);
}
