package com.commercive.support.store;

import com.commercive.support.domain.User;
import java.util.Collection;
import java.util.Map;

/** Read-only access to Commercive's users. */
public interface UserDirectory {
  /** The users that exist among {@code userIds}, by id; unknown ids are simply absent. */
  Map<String, User> findAll(Collection<String> userIds);
}
