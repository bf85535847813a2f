package com.commercive.support.store.dynamodb;

import com.commercive.support.domain.User;
import com.commercive.support.resources.SupportTables;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Maps items of Commercive's users table (read-only here). */
public final class UserItems {
  public static final String USER_ID = SupportTables.USER_ID;
  public static final String NAME = "name";
  public static final String EMAIL = "email";
  public static final String ROLE = "role";

  private UserItems() {}

  static User fromItem(Map<String, AttributeValue> item) {
    return new User(item.get(USER_ID).s(), text(item, NAME), text(item, EMAIL), text(item, ROLE));
  }

  /** The item for a user; the local runner seeds demo users with it. */
  public static Map<String, AttributeValue> toItem(User user) {
    var item = new java.util.HashMap<String, AttributeValue>();
    item.put(USER_ID, AttributeValue.fromS(user.userId()));
    if (user.name() != null) {
      item.put(NAME, AttributeValue.fromS(user.name()));
    }
    if (user.email() != null) {
      item.put(EMAIL, AttributeValue.fromS(user.email()));
    }
    if (user.role() != null) {
      item.put(ROLE, AttributeValue.fromS(user.role()));
    }
    return item;
  }

  private static String text(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null ? null : value.s();
  }
}
