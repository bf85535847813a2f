package com.commercive.support.store;

import java.util.Optional;

/**
 * Which user an email address belongs to, as far as the help desk has seen: the notifier writes an
 * entry whenever it emails a user at the address on their user record, and a received mail looks
 * its sender up here (Commercive's users table is keyed by id alone). An entry is a hint, never
 * proof: whoever reads one checks the user record still holds the address.
 */
public interface AddressBook {
  /** Remembers {@code address} (compared without case) as {@code userId}'s, replacing whoever held it. */
  void remember(String address, String userId);

  /** The user last seen at {@code address} (compared without case). */
  Optional<String> userAt(String address);

  /** A book that remembers nothing: replies by email are not set up. */
  static AddressBook none() {
    return new AddressBook() {
      @Override
      public void remember(String address, String userId) {}

      @Override
      public Optional<String> userAt(String address) {
        return Optional.empty();
      }
    };
  }
}
