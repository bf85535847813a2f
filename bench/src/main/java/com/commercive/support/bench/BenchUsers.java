package com.commercive.support.bench;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.commercive.support.domain.User;
import com.commercive.support.local.LocalSystem;
import com.commercive.support.store.dynamodb.UserItems;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Merchants made for a bench: stored in the users table, each with a two-hour bearer token. */
final class BenchUsers {
  private BenchUsers() {}

  /** {@code bench-user-0 … bench-user-(count-1)} → their tokens, in that order. */
  static Map<String, String> create(LocalSystem system, int count) {
    Algorithm signer = Algorithm.HMAC256(system.config().jwt().requireSecret());
    Map<String, String> tokens = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      String id = "bench-user-" + i;
      User user = new User(id, "Bench User " + i, id + "@example.com", "user");
      system.dynamoDb().putItem(r -> r.tableName(system.config().tables().users()).item(UserItems.toItem(user)));
      Instant now = Instant.now();
      tokens.put(id, JWT.create().withSubject(id).withIssuedAt(now).withExpiresAt(now.plus(Duration.ofHours(2)))
          .sign(signer));
    }
    return tokens;
  }
}
