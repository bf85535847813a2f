package com.commercive.support.local;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.commercive.support.domain.User;
import com.commercive.support.store.AddressBook;
import com.commercive.support.store.dynamodb.UserItems;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The demo users the local system seeds, and tokens to act as them. */
final class DemoUsers {
  static final Duration TOKEN_LIFETIME = Duration.ofHours(12);

  static final List<User> ALL =
      List.of(
          new User("demo-user", "Dana Merchant", "dana@example.com", "user"),
          new User("demo-user-2", "Sam Storeowner", "sam@example.com", "user"),
          new User("demo-admin", "Alex Support", "alex@example.com", "admin"));

  private DemoUsers() {}

  /**
   * Puts the demo users in the users table, and their addresses in the address book, as if each had
   * been emailed once: their mail to the support address opens tickets, and the demo admin's
   * address on the team list gets reply addresses.
   */
  static void seed(DynamoDbClient dynamoDb, String usersTable, AddressBook book) {
    for (User user : ALL) {
      dynamoDb.putItem(r -> r.tableName(usersTable).item(UserItems.toItem(user)));
      book.remember(user.email(), user.userId());
    }
  }

  /** A token for {@code user} signed with the API's secret, as Commercive's login would issue. */
  static String token(User user, byte[] secret, Instant now) {
    var builder =
        JWT.create()
            .withSubject(user.userId())
            .withClaim("name", user.name())
            .withClaim("email", user.email())
            .withIssuedAt(now)
            .withExpiresAt(now.plus(TOKEN_LIFETIME));
    if (user.admin()) {
      builder.withClaim("role", "admin");
    }
    return builder.sign(Algorithm.HMAC256(secret));
  }
}
