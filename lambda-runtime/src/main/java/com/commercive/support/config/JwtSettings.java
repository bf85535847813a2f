package com.commercive.support.config;

import static com.commercive.support.resources.EnvironmentVariables.JWT_AUDIENCE;
import static com.commercive.support.resources.EnvironmentVariables.JWT_ISSUER;
import static com.commercive.support.resources.EnvironmentVariables.JWT_MAX_TTL;
import static com.commercive.support.resources.EnvironmentVariables.JWT_SECRET;
import static com.commercive.support.resources.EnvironmentVariables.JWT_SECRET_ARN;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * How the API checks tokens: the HS256 secret ({@code JWT_SECRET}, or fetched from
 * {@code JWT_SECRET_ARN}), the expected issuer and audience, and the longest lifetime a token may
 * claim ({@code JWT_MAX_TTL} seconds, 0 = no limit). Only the API needs them.
 */
public record JwtSettings(
    Optional<byte[]> secret,
    Optional<String> secretArn,
    Optional<String> issuer,
    Optional<String> audience,
    Duration maxTimeToLive) {

  public static final int MIN_SECRET_BYTES = 32;
  /** A day: tokens promising to live longer are refused. */
  public static final long DEFAULT_MAX_TTL_SECONDS = 24 * 3600;

  public static JwtSettings from(Environment env) {
    return new JwtSettings(
        env.value(JWT_SECRET).map(secret -> checked(secret.getBytes(StandardCharsets.UTF_8))),
        env.value(JWT_SECRET_ARN),
        env.value(JWT_ISSUER),
        env.value(JWT_AUDIENCE),
        Duration.ofSeconds(env.number(JWT_MAX_TTL, DEFAULT_MAX_TTL_SECONDS, 0, 366L * 24 * 3600)));
  }

  /**
   * The signing secret.
   *
   * @throws IllegalArgumentException when neither JWT_SECRET nor a resolved JWT_SECRET_ARN gave one
   */
  public byte[] requireSecret() {
    return secret.orElseThrow(() -> new IllegalArgumentException(
        "JWT_SECRET (or JWT_SECRET_ARN) must be set to at least " + MIN_SECRET_BYTES + " bytes"));
  }

  /** These settings with the secret fetched from {@code secretArn}. */
  public JwtSettings withSecret(byte[] fetched) {
    return new JwtSettings(Optional.of(checked(fetched)), secretArn, issuer, audience, maxTimeToLive);
  }

  private static byte[] checked(byte[] secret) {
    if (secret.length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException("JWT_SECRET must be set to at least " + MIN_SECRET_BYTES + " bytes");
    }
    return secret;
  }

  @Override
  public String toString() {
    return "JwtSettings[secret=" + (secret.isPresent() ? "***" : "none") + ", secretArn=" + secretArn
        + ", issuer=" + issuer + ", audience=" + audience + ", maxTimeToLive=" + maxTimeToLive + "]";
  }
}
