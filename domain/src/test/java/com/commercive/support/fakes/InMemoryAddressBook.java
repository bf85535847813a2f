package com.commercive.support.fakes;

import com.commercive.support.store.AddressBook;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

public final class InMemoryAddressBook implements AddressBook {
  private final Map<String, String> users = new ConcurrentHashMap<>();

  @Override
  public void remember(String address, String userId) {
    users.put(address.strip().toLowerCase(Locale.ROOT), userId);
  }

  @Override
  public Optional<String> userAt(String address) {
    return Optional.ofNullable(users.get(address.strip().toLowerCase(Locale.ROOT)));
  }
}
