package com.commercive.support.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.commercive.support.resources.TableNames;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SupportConfigTest {
  static final String SECRET = "0123456789abcdef0123456789abcdef";

  static Map<String, String> env(String... pairs) {
    Map<String, String> env = new HashMap<>();
    env.put("JWT_SECRET", SECRET);
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  @Test
  void defaultsToTheSeedsTablesAndRealCredentials() {
    SupportConfig config = SupportConfig.from(env());
    assertThat(config.tables()).isEqualTo(TableNames.defaults());
    assertThat(config.tables().tickets()).isEqualTo("commercive_support_tickets");
    assertThat(config.awsRegion()).isEqualTo("us-east-1");
    assertThat(config.awsEndpoint()).isEmpty();
    assertThat(config.staticCredentials()).isEmpty();
    assertThat(config.corsAllowedOrigins()).isEmpty();
    assertThat(config.jwtIssuer()).isEmpty();
    assertThat(config.jwtMaxTimeToLive()).isEqualTo(java.time.Duration.ofHours(24));
  }

  @Test
  void readsTheTokensMaximumLifetimeInSeconds() {
    assertThat(SupportConfig.from(env("JWT_MAX_TTL", "3600")).jwtMaxTimeToLive()).isEqualTo(java.time.Duration.ofHours(1));
    assertThat(SupportConfig.from(env("JWT_MAX_TTL", "0")).jwtMaxTimeToLive()).isZero();
    assertThatThrownBy(() -> SupportConfig.from(env("JWT_MAX_TTL", "24h"))).hasMessageContaining("JWT_MAX_TTL");
    assertThatThrownBy(() -> SupportConfig.from(env("JWT_MAX_TTL", "-1"))).hasMessageContaining("JWT_MAX_TTL");
  }

  @Test
  void readsEverySetting() {
    SupportConfig config = SupportConfig.from(env(
        "TICKETS_TABLE", "prod_tickets", "MESSAGES_TABLE", "prod_messages",
        "USERS_TABLE", "prod_users", "IDEMPOTENCY_TABLE", "prod_idem",
        "AWS_REGION", "eu-west-1", "AWS_ENDPOINT_URL", "http://127.0.0.1:8000",
        "JWT_ISSUER", "commercive", "JWT_AUDIENCE", "support",
        "CORS_ALLOWED_ORIGINS", " https://app.commercive.com , http://localhost:3000 ,",
        "ATTACHMENT_URL_PREFIXES", "https://uploads.commercive.com/"));
    assertThat(config.tables()).isEqualTo(
        new TableNames("prod_tickets", "prod_messages", "prod_users", "prod_idem"));
    assertThat(config.awsRegion()).isEqualTo("eu-west-1");
    assertThat(config.awsEndpoint()).contains(URI.create("http://127.0.0.1:8000"));
    assertThat(config.staticCredentials()).isPresent();
    assertThat(config.jwtIssuer()).contains("commercive");
    assertThat(config.jwtAudience()).contains("support");
    assertThat(config.corsAllowedOrigins())
        .isEqualTo(List.of("https://app.commercive.com", "http://localhost:3000"));
    assertThat(config.attachmentUrlPrefixes()).containsExactly("https://uploads.commercive.com/");
  }

  @Test
  void refusesAShortSecretAndOnlyTheApiRequiresOne() {
    Map<String, String> missing = env();
    missing.remove("JWT_SECRET");
    SupportConfig withoutSecret = SupportConfig.from(missing);
    assertThat(withoutSecret.jwtSecret()).isEmpty();
    assertThatThrownBy(withoutSecret::requireJwtSecret).hasMessageContaining("JWT_SECRET");
    assertThatThrownBy(() -> SupportConfig.from(env("JWT_SECRET", "x".repeat(31))))
        .hasMessageContaining("at least 32 bytes");
    assertThatThrownBy(() -> withoutSecret.withJwtSecret(new byte[8])).hasMessageContaining("at least 32 bytes");
    missing.put("JWT_SECRET_ARN", "arn:aws:secretsmanager:us-east-1:1:secret:jwt");
    SupportConfig fromArn = SupportConfig.from(missing);
    assertThat(fromArn.jwtSecretArn()).contains("arn:aws:secretsmanager:us-east-1:1:secret:jwt");
    assertThat(fromArn.withJwtSecret(SECRET.getBytes()).requireJwtSecret()).isEqualTo(SECRET.getBytes());
  }

  @Test
  void refusesContradictoryOrUnsafeSettings() {
    assertThatThrownBy(() -> SupportConfig.from(env("CORS_ALLOWED_ORIGINS", "*,https://a.example")))
        .hasMessageContaining("CORS_ALLOWED_ORIGINS");
    assertThatThrownBy(() -> SupportConfig.from(env("ATTACHMENT_URL_PREFIXES", "http://insecure.example/")))
        .hasMessageContaining("https://");
    assertThatThrownBy(() -> SupportConfig.from(env("TICKETS_TABLE", "x")))
        .hasMessageContaining("TICKETS_TABLE");
    assertThatThrownBy(() -> SupportConfig.from(env("AWS_ENDPOINT_URL", "not a url")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void readsTheAssistantSettings() {
    SupportConfig.AiSettings defaults = SupportConfig.from(env()).ai();
    assertThat(defaults.provider()).isEqualTo(SupportConfig.AiProvider.KNOWLEDGE_BASE);
    assertThat(defaults.timeout()).isEqualTo(java.time.Duration.ofSeconds(8));
    assertThat(defaults.maxAttempts()).isEqualTo(3);

    SupportConfig.AiSettings openAi = SupportConfig.from(env(
        "AI_PROVIDER", "openai", "OPENAI_BASE_URL", "http://127.0.0.1:11434/v1",
        "OPENAI_MODEL", "llama3", "OPENAI_API_KEY", "sk-secret", "AI_TIMEOUT_MS", "2500")).ai();
    assertThat(openAi.provider()).isEqualTo(SupportConfig.AiProvider.OPENAI);
    assertThat(openAi.openAiBaseUrl()).contains(URI.create("http://127.0.0.1:11434/v1"));
    assertThat(openAi.timeout()).isEqualTo(java.time.Duration.ofMillis(2500));
    assertThat(openAi.toString()).doesNotContain("sk-secret");

    assertThatThrownBy(() -> SupportConfig.from(env("AI_PROVIDER", "openai")))
        .hasMessageContaining("OPENAI_BASE_URL");
    assertThatThrownBy(() -> SupportConfig.from(env("AI_PROVIDER", "gpt")))
        .hasMessageContaining("AI_PROVIDER");
    assertThatThrownBy(() -> SupportConfig.from(env("AI_TIMEOUT_MS", "soon")))
        .hasMessageContaining("AI_TIMEOUT_MS");
  }

  @Test
  void neverPrintsTheSecret() {
    assertThat(SupportConfig.from(env()).toString()).doesNotContain(SECRET);
  }
}
