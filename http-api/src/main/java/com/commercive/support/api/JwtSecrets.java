package com.commercive.support.api;

import com.commercive.support.config.AwsClients;
import com.commercive.support.config.SupportConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The token-signing secret on AWS: the stack gives the function the secret's ARN
 * ({@code JWT_SECRET_ARN}), never the value, and the value is read once per cold start.
 */
public final class JwtSecrets {
  private JwtSecrets() {}

  public static SupportConfig resolve(SupportConfig config) {
    if (config.jwt().secret().isPresent() || config.jwt().secretArn().isEmpty()) {
      return config;
    }
    try (SecretsManagerClient secrets =
        AwsClients.configure(SecretsManagerClient.builder(), config.aws(), config.aws().secretsManagerEndpoint(),
                Duration.ofSeconds(3), Duration.ofSeconds(3), Duration.ofSeconds(10), 3)
            .build()) {
      String value =
          secrets.getSecretValue(r -> r.secretId(config.jwt().secretArn().get())).secretString();
      return config.withJwtSecret(value.getBytes(StandardCharsets.UTF_8));
    }
  }
}
