package com.commercive.support.store.secretsmanager;

import com.commercive.support.config.AwsClients;
import com.commercive.support.config.SupportConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * The keys a function is given by their secrets' ARNs on AWS (never their values), read once per
 * cold start: the token key ({@code JWT_SECRET_ARN}) and the reply address key
 * ({@code REPLY_ADDRESS_SECRET_ARN}: its {@code AWSCURRENT} version signs and its
 * {@code AWSPREVIOUS}, while Secrets Manager keeps one, still verifies, so putting a new version
 * rotates it without breaking replies to mail sent before). A key given as a value (local runs,
 * tests) is used as is, and nothing is read.
 */
public final class SecretsManagerSecrets {
  static final String CURRENT = "AWSCURRENT";
  static final String PREVIOUS = "AWSPREVIOUS";

  private SecretsManagerSecrets() {}

  /**
   * {@code config} with every key it names by ARN read.
   *
   * @throws IllegalArgumentException a key read is too short
   */
  public static SupportConfig resolve(SupportConfig config) {
    boolean jwt = config.jwt().secret().isEmpty() && config.jwt().secretArn().isPresent();
    boolean replies = config.email().replyKeysPending();
    if (!jwt && !replies) {
      return config;
    }
    try (SecretsManagerClient secrets =
        AwsClients.configure(SecretsManagerClient.builder(), config.aws(), config.aws().secretsManagerEndpoint(),
                Duration.ofSeconds(3), Duration.ofSeconds(3), Duration.ofSeconds(10), 3)
            .build()) {
      SupportConfig resolved = config;
      if (jwt) {
        resolved = resolved.withJwtSecret(value(secrets, config.jwt().secretArn().get(), CURRENT).orElseThrow(
            () -> new IllegalStateException("the token key's secret has no current value")));
      }
      if (replies) {
        String arn = config.email().replySecretArn().orElseThrow();
        List<byte[]> keys = new ArrayList<>();
        keys.add(value(secrets, arn, CURRENT).orElseThrow(
            () -> new IllegalStateException("the reply address key's secret has no current value")));
        value(secrets, arn, PREVIOUS).ifPresent(keys::add);
        resolved = resolved.withReplyKeys(keys);
      }
      return resolved;
    }
  }

  /** The secret's value at {@code stage}; empty when no version holds that stage. */
  private static Optional<byte[]> value(SecretsManagerClient secrets, String arn, String stage) {
    try {
      String value = secrets.getSecretValue(r -> r.secretId(arn).versionStage(stage)).secretString();
      return Optional.ofNullable(value).map(text -> text.getBytes(StandardCharsets.UTF_8));
    } catch (ResourceNotFoundException noSuchVersion) {
      if (CURRENT.equals(stage)) {
        throw noSuchVersion;
      }
      return Optional.empty(); // never rotated: there is no previous key yet
    }
  }
}
