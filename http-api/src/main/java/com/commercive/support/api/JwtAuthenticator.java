package com.commercive.support.api;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.Claim;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.auth0.jwt.interfaces.Verification;
import com.commercive.support.domain.Caller;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Verifies bearer tokens: HS256 only (the algorithm is pinned, so {@code none} and every other
 * algorithm fail), {@code exp} required, {@code nbf}/{@code iat} checked when present, issuer and
 * audience when configured. The claims must also be well formed: {@code exp}, {@code nbf} and
 * {@code iat} numbers (never {@code null}), the identity claims strings, no claim given twice
 * (a parser keeping the last {@code role} would let a token say two things), and {@code exp} no
 * further ahead than the configured maximum lifetime.
 */
public final class JwtAuthenticator {
  static final long LEEWAY_SECONDS = 30;
  /** Far above any real token; stops oversized headers before any parsing. */
  static final int MAX_TOKEN_LENGTH = 8_192;

  /** Claims that, when present, must be JSON numbers. */
  private static final List<String> TIME_CLAIMS = List.of("exp", "nbf", "iat");
  /** Claims that, when present, must be JSON strings. */
  private static final List<String> TEXT_CLAIMS = List.of("sub", "user_id", "role", "name", "email", "iss", "jti");
  /** Rejects a header or payload that names a member twice instead of keeping the last. */
  private static final ObjectMapper STRICT_JSON =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private final JWTVerifier verifier;
  private final Duration maxTimeToLive;
  private final Clock clock;

  public JwtAuthenticator(
      byte[] secret, Optional<String> issuer, Optional<String> audience, Duration maxTimeToLive, Clock clock) {
    this.maxTimeToLive = maxTimeToLive;
    this.clock = clock;
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
    checkClaims(jwt);
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

  /** The checks the JWT library leaves out: null or mistyped claims, repeated members, lifetime. */
  private void checkClaims(DecodedJWT jwt) {
    JsonNode payload = strictJson(jwt.getPayload());
    strictJson(jwt.getHeader());
    for (String name : TIME_CLAIMS) {
      JsonNode value = payload.get(name);
      if ((value != null || name.equals("exp")) && (value == null || !value.isNumber())) {
        throw new UnauthenticatedException(true, "the bearer token's " + name + " must be a number");
      }
    }
    for (String name : TEXT_CLAIMS) {
      JsonNode value = payload.get(name);
      if (value != null && !value.isTextual()) {
        throw new UnauthenticatedException(true, "the bearer token's " + name + " must be a string");
      }
    }
    JsonNode audience = payload.get("aud");
    if (audience != null && !audience.isTextual()
        && !(audience.isArray() && audience.size() > 0 && java.util.stream.StreamSupport
            .stream(audience.spliterator(), false).allMatch(JsonNode::isTextual))) {
      throw new UnauthenticatedException(true, "the bearer token's aud must be a string or strings");
    }
    if (!maxTimeToLive.isZero()) {
      Instant latest = clock.instant().plus(maxTimeToLive).plusSeconds(LEEWAY_SECONDS);
      if (jwt.getExpiresAtAsInstant().isAfter(latest)) {
        throw new UnauthenticatedException(true, "the bearer token lives longer than this API accepts");
      }
    }
  }

  private static JsonNode strictJson(String base64Url) {
    try {
      JsonNode node = STRICT_JSON.readTree(Base64.getUrlDecoder().decode(base64Url));
      if (node == null || !node.isObject()) {
        throw new UnauthenticatedException(true, "the bearer token is invalid");
      }
      return node;
    } catch (IOException | IllegalArgumentException malformed) {
      // Includes a member named twice (StreamReadFeature.STRICT_DUPLICATE_DETECTION).
      throw new UnauthenticatedException(true, "the bearer token is invalid");
    }
  }

  private static String text(Claim claim) {
    return claim == null || claim.isNull() || claim.isMissing() ? null : claim.asString();
  }

  /** No usable credentials. {@code tokenPresented} selects the RFC 6750 error code. */
  /** No usable credentials: 401 with the challenge saying whether a token was presented. */
  static final class UnauthenticatedException extends HttpRefusal {
    final boolean tokenPresented;

    UnauthenticatedException(boolean tokenPresented, String detail) {
      super(401, "unauthenticated", detail, Map.of("WWW-Authenticate", tokenPresented
          ? "Bearer realm=\"commercive-support\", error=\"invalid_token\""
          : "Bearer realm=\"commercive-support\""));
      this.tokenPresented = tokenPresented;
    }
  }
}
