package com.commercive.support.email;

/** Sends email; throws when the provider refuses or fails, after its own bounded retries. */
public interface EmailSender {
  /**
   * Sends {@code email}.
   *
   * @return the id the provider gave the email (SES replaces the {@code Message-ID} with its own)
   */
  String send(Email email);
}
