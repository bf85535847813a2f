package com.commercive.support.fakes;

import com.commercive.support.domain.User;
import com.commercive.support.store.UserDirectory;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

public final class InMemoryUserDirectory implements UserDirectory {
  private final Map<String, User> users = new HashMap<>();
  private final List<Collection<String>> lookups = new CopyOnWriteArrayList<>();

  public InMemoryUserDirectory(User... users) {
    for (User user : users) {
      this.users.put(user.userId(), user);
    }
  }

  @Override
  public Map<String, User> findAll(Collection<String> userIds) {
    lookups.add(List.copyOf(userIds));
    Map<String, User> found = new HashMap<>();
    for (String id : userIds) {
      if (users.containsKey(id)) {
        found.put(id, users.get(id));
      }
    }
    return found;
  }

  /** Every call's ids, to check that a thread's senders are looked up once. */
  public List<Collection<String>> lookups() {
    return lookups;
  }
}
