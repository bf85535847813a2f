package com.commercive.support.api;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.Claim;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.auth0.jwt.interfaces.Verification;
import com.commercive.support.domain.Caller;
import java.time.Clock;
import java.util.Optional;

/**
 * Verifies bearer tokens: HS256 only (the algorithm is pinned, so {@code none} and every other
 * algorithm fail), {@code exp} required, {@code nbf}/{@code iat} checked when present, issuer and
 * audience when configured.
 */
public final class JwtAuthenticator {
  static final long LEEWAY_SECONDS = 30;
  /** Far above any real token; stops oversized headers before any parsing. */
  static final int MAX_TOKEN_LENGTH = 8_192;

  private final JWTVerifier verifier;

  public JwtAuthenticator(
      byte[] secret, Optional<String> issuer, Optional<String> audience, Clock clock) {
    Verification verification =
        JWT.require(Algorithm.HMAC256(secret))
            .acceptLeeway(LEEWAY_SECONDS)
            .withClaimPresence("exp");
    issuer.ifPresent(verification::withIssuer);
    audience.ifPresent(verification::withAudience);
    this.verifier = ((JWTVerifier.BaseVerification) verification).build(clock);
  }

  /** The caller named by the {@code Authorization} header's bearer token. */
  public Caller authenticate(Optional<String> authorization) {
    String header = authorization.orElseThrow(() -> new UnauthenticatedException(false,
        "an Authorization: Bearer token is required"));
    if (header.length() > MAX_TOKEN_LENGTH + 7) {
      throw new UnauthenticatedException(true, "the bearer token is invalid");
    }
    int space = header.indexOf(' ');
    if (space < 0 || !header.substring(0, space).equalsIgnoreCase("Bearer")) {
      throw new UnauthenticatedException(false, "an Authorization: Bearer token is required");
    }
    String token = header.substring(space + 1).strip();
    if (token.isEmpty()) {
      throw new UnauthenticatedException(false, "an Authorization: Bearer token is required");
    }
    DecodedJWT jwt;
    try {
      jwt = verifier.verify(token);
    } catch (JWTVerificationException invalid) {
      throw new UnauthenticatedException(true, "the bearer token is invalid or expired");
    }
    String userId = jwt.getSubject();
    if (userId == null || userId.isBlank()) {
      userId = text(jwt.getClaim("user_id"));
    }
    if (userId == null || userId.isBlank()) {
      throw new UnauthenticatedException(true, "the bearer token names no user");
    }
    boolean admin = "admin".equals(text(jwt.getClaim("role")));
    return new Caller(userId, admin, text(jwt.getClaim("name")), text(jwt.getClaim("email")));
  }

  private static String text(Claim claim) {
    return claim == null || claim.isNull() || claim.isMissing() ? null : claim.asString();
  }

  /** No usable credentials. {@code tokenPresented} selects the RFC 6750 error code. */
  static final class UnauthenticatedException extends RuntimeException {
    final boolean tokenPresented;

    UnauthenticatedException(boolean tokenPresented, String detail) {
      super(detail, null, false, false);
      this.tokenPresented = tokenPresented;
    }
  }
}
