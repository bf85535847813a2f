package com.commercive.support.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.commercive.support.domain.Caller;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Tokens that must not get in, and the ones that must. */
class AuthenticationTest extends ApiTestSupport {
  static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  static String unsigned(String header, String payload) {
    return B64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
        + B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + ".";
  }

  /** A token with exactly this payload, signed with the API's key (what the JWT library would not build). */
  static String signed(String payload) {
    try {
      String unsignedPart = B64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
          + "." + B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(new javax.crypto.spec.SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return unsignedPart + "." + B64.encodeToString(mac.doFinal(unsignedPart.getBytes(StandardCharsets.US_ASCII)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Issue 13: well-signed tokens whose claims are null, mistyped or repeated. */
  static Stream<Arguments> malformedClaims() {
    long exp = NOW.plusSeconds(3600).getEpochSecond();
    long now = NOW.getEpochSecond();
    return Stream.of(
        Arguments.of("exp null", "{\"sub\":\"user-1\",\"role\":\"admin\",\"exp\":null}"),
        Arguments.of("exp as text", "{\"sub\":\"user-1\",\"exp\":\"" + exp + "\"}"),
        Arguments.of("exp as an object", "{\"sub\":\"user-1\",\"exp\":{\"n\":" + exp + "}}"),
        Arguments.of("nbf null", "{\"sub\":\"user-1\",\"exp\":" + exp + ",\"nbf\":null}"),
        Arguments.of("iat null", "{\"sub\":\"user-1\",\"exp\":" + exp + ",\"iat\":null}"),
        Arguments.of("iat as text", "{\"sub\":\"user-1\",\"exp\":" + exp + ",\"iat\":\"now\"}"),
        Arguments.of("sub as a number", "{\"sub\":42,\"exp\":" + exp + "}"),
        Arguments.of("role as a list", "{\"sub\":\"user-1\",\"role\":[\"admin\"],\"exp\":" + exp + "}"),
        Arguments.of("aud as a number", "{\"sub\":\"user-1\",\"aud\":7,\"exp\":" + exp + "}"),
        Arguments.of("role given twice", "{\"sub\":\"user-1\",\"role\":\"user\",\"role\":\"admin\",\"exp\":" + exp + "}"),
        Arguments.of("sub given twice", "{\"sub\":\"user-1\",\"sub\":\"user-2\",\"exp\":" + exp + "}"),
        Arguments.of("exp two days ahead", "{\"sub\":\"user-1\",\"iat\":" + now + ",\"exp\":" + (now + 2 * 86400) + "}"),
        Arguments.of("exp in a century", "{\"sub\":\"user-1\",\"role\":\"admin\",\"exp\":" + (now + 100L * 365 * 86400) + "}"));
  }

  static JwtAuthenticator withTheDefaultLifetime() {
    return new JwtAuthenticator(SECRET.getBytes(StandardCharsets.UTF_8), Optional.empty(), Optional.empty(), Duration.ofSeconds(com.commercive.support.config.JwtSettings.DEFAULT_MAX_TTL_SECONDS), java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedClaims")
  void rejectsMalformedClaims(String why, String payload) {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> withTheDefaultLifetime().authenticate(Optional.of("Bearer " + signed(payload))))
        .as(why).isInstanceOf(JwtAuthenticator.UnauthenticatedException.class);
  }

  @Test
  void acceptsWellFormedClaimsWithinTheLifetimeAndAnyLifetimeWhenTheLimitIsOff() {
    long now = NOW.getEpochSecond();
    String day = signed("{\"sub\":\"user-1\",\"role\":\"admin\",\"aud\":[\"a\",\"b\"],\"iat\":" + now
        + ",\"nbf\":" + now + ",\"exp\":" + (now + 86400) + "}");
    Caller admin = withTheDefaultLifetime().authenticate(Optional.of("Bearer " + day));
    assertThat(admin.userId()).isEqualTo("user-1");
    assertThat(admin.admin()).isTrue();
    String century = signed("{\"sub\":\"user-1\",\"exp\":" + (now + 100L * 365 * 86400) + "}");
    JwtAuthenticator unlimited = new JwtAuthenticator(SECRET.getBytes(StandardCharsets.UTF_8), Optional.empty(), Optional.empty(), Duration.ZERO, java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC));
    assertThat(unlimited.authenticate(Optional.of("Bearer " + century)).userId()).isEqualTo("user-1");
  }

  static Stream<Arguments> rejectedTokens() {
    long exp = NOW.plusSeconds(3600).getEpochSecond();
    return Stream.of(
        Arguments.of("expired", token(b -> b.withSubject("user-1").withExpiresAt(NOW.minusSeconds(120)))),
        Arguments.of("not yet valid", token(b -> b.withSubject("user-1").withNotBefore(NOW.plusSeconds(600)))),
        Arguments.of("issued in the future", token(b -> b.withSubject("user-1").withIssuedAt(NOW.plusSeconds(600)))),
        Arguments.of("no exp", JWT.create().withSubject("user-1").sign(Algorithm.HMAC256(SECRET))),
        Arguments.of("wrong key", JWT.create().withSubject("user-1").withExpiresAt(NOW.plusSeconds(60))
            .sign(Algorithm.HMAC256("another-secret-that-is-32-bytes-long!!"))),
        Arguments.of("admin by another key", JWT.create().withSubject("user-1").withClaim("role", "admin")
            .withExpiresAt(NOW.plusSeconds(60)).sign(Algorithm.HMAC256("attacker-secret-that-is-32-bytes-long"))),
        Arguments.of("alg none", unsigned("{\"alg\":\"none\",\"typ\":\"JWT\"}",
            "{\"sub\":\"user-1\",\"role\":\"admin\",\"exp\":" + exp + "}")),
        Arguments.of("HS384 with the same key", JWT.create().withSubject("user-1")
            .withExpiresAt(NOW.plusSeconds(60)).sign(Algorithm.HMAC384(SECRET))),
        Arguments.of("HS512 with the same key", JWT.create().withSubject("user-1")
            .withExpiresAt(NOW.plusSeconds(60)).sign(Algorithm.HMAC512(SECRET))),
        Arguments.of("no subject", token(b -> b.withClaim("role", "admin"))),
        Arguments.of("empty subject", token(b -> b.withSubject(""))),
        Arguments.of("blank user_id", token(b -> b.withClaim("user_id", "  "))),
        Arguments.of("malformed", "not.a.jwt"),
        Arguments.of("garbage", "%%%"),
        Arguments.of("huge", token(b -> b.withSubject("user-1").withClaim("pad", "x".repeat(20_000)))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rejectedTokens")
  void rejects(String why, String token) {
    APIGatewayV2HTTPResponse response = send("GET", "/support/tickets", token, null);
    assertThat(response.getStatusCode()).as(why).isEqualTo(401);
    assertThat(header(response, "WWW-Authenticate")).startsWith("Bearer");
    assertThat(header(response, "Content-Type")).isEqualTo("application/problem+json");
    assertThat(header(response, "Access-Control-Allow-Origin")).isEqualTo("http://localhost:3000");
  }

  @Test
  void requiresABearerToken() {
    APIGatewayV2HTTPResponse none = send("POST", "/support/tickets", null, "{\"subject\":\"Hello there\"}");
    assertThat(none.getStatusCode()).isEqualTo(401);
    assertThat(header(none, "WWW-Authenticate")).isEqualTo("Bearer realm=\"commercive-support\"");
    APIGatewayV2HTTPEvent basic = event("GET", "/support/tickets", null, null);
    basic.getHeaders().put("authorization", "Basic dXNlcjpwYXNz");
    assertThat(send(basic).getStatusCode()).isEqualTo(401);
    assertThat(repository.calls()).isZero();
  }

  @Test
  void acceptsSubjectOrUserIdAndSmallClockSkew() {
    assertThat(send("GET", "/support/tickets", token(b -> b.withSubject("user-1")), null).getStatusCode())
        .isEqualTo(200);
    assertThat(send("GET", "/support/tickets", token(b -> b.withClaim("user_id", "user-1")), null).getStatusCode())
        .isEqualTo(200);
    String justExpired = token(b -> b.withSubject("user-1").withExpiresAt(NOW.minusSeconds(10)));
    assertThat(send("GET", "/support/tickets", justExpired, null).getStatusCode()).isEqualTo(200);
  }

  @Test
  void checksIssuerAndAudienceWhenConfigured() {
    JwtAuthenticator strict =
        new JwtAuthenticator(SECRET.getBytes(StandardCharsets.UTF_8), Optional.of("commercive"), Optional.of("support-api"), Duration.ZERO, java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC));
    String good = token(b -> b.withSubject("u").withIssuer("commercive").withAudience("support-api"));
    String wrongIssuer = token(b -> b.withSubject("u").withIssuer("evil").withAudience("support-api"));
    String noAudience = token(b -> b.withSubject("u").withIssuer("commercive"));
    Caller caller = strict.authenticate(Optional.of("Bearer " + good));
    assertThat(caller.userId()).isEqualTo("u");
    assertThat(caller.admin()).isFalse();
    for (String bad : new String[] {wrongIssuer, noAudience}) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> strict.authenticate(Optional.of("Bearer " + bad)))
          .isInstanceOf(JwtAuthenticator.UnauthenticatedException.class);
    }
  }

  @Test
  void onlyTheRoleClaimAdminMakesAnAdmin() {
    JwtAuthenticator jwt =
        new JwtAuthenticator(SECRET.getBytes(StandardCharsets.UTF_8), Optional.empty(), Optional.empty(), Duration.ZERO, java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC));
    assertThat(jwt.authenticate(Optional.of("Bearer " + token("a", true))).admin()).isTrue();
    assertThat(jwt.authenticate(Optional.of("Bearer " + token(b -> b.withSubject("a").withClaim("role", "Admin")))).admin()).isFalse();
    assertThat(jwt.authenticate(Optional.of("bearer " + token(b -> b.withSubject("a").withClaim("admin", true)))).admin()).isFalse();
    Instant later = NOW.plus(Duration.ofHours(2));
    assertThat(later).isAfter(NOW);
  }
}
