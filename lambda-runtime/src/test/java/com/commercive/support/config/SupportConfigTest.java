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
    assertThat(config.aws().region()).isEqualTo("us-east-1");
    assertThat(config.aws().dynamoDbEndpoint()).isEmpty();
    assertThat(config.aws().staticCredentials()).isEmpty();
    assertThat(config.api().corsAllowedOrigins()).isEmpty();
    assertThat(config.jwt().issuer()).isEmpty();
    assertThat(config.jwt().maxTimeToLive()).isEqualTo(java.time.Duration.ofHours(24));
  }

  @Test
  void readsTheTokensMaximumLifetimeInSeconds() {
    assertThat(SupportConfig.from(env("JWT_MAX_TTL", "3600")).jwt().maxTimeToLive()).isEqualTo(java.time.Duration.ofHours(1));
    assertThat(SupportConfig.from(env("JWT_MAX_TTL", "0")).jwt().maxTimeToLive()).isZero();
    assertThatThrownBy(() -> SupportConfig.from(env("JWT_MAX_TTL", "24h"))).hasMessageContaining("JWT_MAX_TTL");
    assertThatThrownBy(() -> SupportConfig.from(env("JWT_MAX_TTL", "-1"))).hasMessageContaining("JWT_MAX_TTL");
  }

  @Test
  void readsEverySetting() {
    SupportConfig config = SupportConfig.from(env(
        "TICKETS_TABLE", "prod_tickets", "MESSAGES_TABLE", "prod_messages",
        "USERS_TABLE", "prod_users", "IDEMPOTENCY_TABLE", "prod_idem", "CANNED_RESPONSES_TABLE", "prod_canned", "AGENTS_TABLE", "prod_agents",
        "ATTACHMENTS_TABLE", "prod_attachments", "CONNECTIONS_TABLE", "prod_connections",
        "AWS_REGION", "eu-west-1", "AWS_ENDPOINT_URL", "http://127.0.0.1:8000",
        "JWT_ISSUER", "commercive", "JWT_AUDIENCE", "support",
        "CORS_ALLOWED_ORIGINS", " https://app.commercive.com , http://localhost:3000 ,",
        "ATTACHMENT_URL_PREFIXES", "https://uploads.commercive.com/"));
    assertThat(List.of(config.tables().tickets(), config.tables().messages(), config.tables().users(),
        config.tables().idempotency(), config.tables().cannedResponses(), config.tables().agents(),
        config.tables().attachments(), config.tables().connections()))
        .containsExactly("prod_tickets", "prod_messages", "prod_users", "prod_idem", "prod_canned", "prod_agents",
            "prod_attachments", "prod_connections");
    assertThat(config.aws().region()).isEqualTo("eu-west-1");
    assertThat(config.aws().dynamoDbEndpoint()).contains(URI.create("http://127.0.0.1:8000"));
    assertThat(config.aws().staticCredentials()).isPresent();
    assertThat(config.jwt().issuer()).contains("commercive");
    assertThat(config.jwt().audience()).contains("support");
    assertThat(config.api().corsAllowedOrigins())
        .isEqualTo(List.of("https://app.commercive.com", "http://localhost:3000"));
    assertThat(config.api().attachmentUrlPrefixes()).containsExactly("https://uploads.commercive.com/");
  }

  @Test
  void refusesAShortSecretAndOnlyTheApiRequiresOne() {
    Map<String, String> missing = env();
    missing.remove("JWT_SECRET");
    SupportConfig withoutSecret = SupportConfig.from(missing);
    assertThat(withoutSecret.jwt().secret()).isEmpty();
    assertThatThrownBy(() -> withoutSecret.jwt().requireSecret()).hasMessageContaining("JWT_SECRET");
    assertThatThrownBy(() -> SupportConfig.from(env("JWT_SECRET", "x".repeat(31))))
        .hasMessageContaining("at least 32 bytes");
    assertThatThrownBy(() -> withoutSecret.withJwtSecret(new byte[8])).hasMessageContaining("at least 32 bytes");
    missing.put("JWT_SECRET_ARN", "arn:aws:secretsmanager:us-east-1:1:secret:jwt");
    SupportConfig fromArn = SupportConfig.from(missing);
    assertThat(fromArn.jwt().secretArn()).contains("arn:aws:secretsmanager:us-east-1:1:secret:jwt");
    assertThat(fromArn.withJwtSecret(SECRET.getBytes()).jwt().requireSecret()).isEqualTo(SECRET.getBytes());
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
    AiSettings defaults = SupportConfig.from(env()).ai();
    assertThat(defaults.provider()).isEqualTo(AiSettings.Provider.KNOWLEDGE_BASE);
    assertThat(defaults.timeout()).isEqualTo(java.time.Duration.ofSeconds(8));
    assertThat(defaults.maxAttempts()).isEqualTo(3);

    AiSettings openAi = SupportConfig.from(env(
        "AI_PROVIDER", "openai", "OPENAI_BASE_URL", "http://127.0.0.1:11434/v1",
        "OPENAI_MODEL", "llama3", "OPENAI_API_KEY", "sk-secret", "AI_TIMEOUT_MS", "2500")).ai();
    assertThat(openAi.provider()).isEqualTo(AiSettings.Provider.OPENAI);
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

  /** Issue 28: the handoff threshold is a setting; unset, the calibrated one is kept. */
  @Test
  void readsTheHandoffThreshold() {
    assertThat(SupportConfig.from(env()).ai().handoffThreshold()).isEmpty();
    assertThat(SupportConfig.from(env("ASSISTANT_HANDOFF_THRESHOLD", "0.45")).ai().handoffThreshold()).hasValue(0.45);
    assertThat(SupportConfig.from(env("ASSISTANT_HANDOFF_THRESHOLD", "0.45")).ai().toString()).contains("handoffThreshold=0.450");
    for (String wrong : new String[] {"1.5", "-0.1", "high", "NaN"}) {
      assertThatThrownBy(() -> SupportConfig.from(env("ASSISTANT_HANDOFF_THRESHOLD", wrong)))
          .as(wrong).hasMessageContaining("ASSISTANT_HANDOFF_THRESHOLD must be a number from 0 to 1");
    }
  }

  /** Issue 26: reply addresses only with a domain and a key of at least 32 bytes; the previous key still verifies. */
  @Test
  void replyAddressesNeedADomainAndAKey() {
    assertThat(SupportConfig.from(env()).email().replyAddresses()).isEmpty();
    assertThat(SupportConfig.from(env("INBOUND_EMAIL_DOMAIN", "support.localhost")).email().replyAddresses()).isEmpty();
    String oldKey = "previous-reply-key-0123456789abcdefgh";
    var old = new com.commercive.support.email.ReplyAddresses("support.localhost",
        java.util.List.of(oldKey.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    var replies = SupportConfig.from(env("INBOUND_EMAIL_DOMAIN", "support.localhost",
        "REPLY_ADDRESS_SECRET", "current-reply-key-0123456789abcdefgh", "REPLY_ADDRESS_PREVIOUS_SECRET", oldKey))
        .email().replyAddresses().orElseThrow();
    assertThat(replies.domain()).isEqualTo("support.localhost");
    String signedBefore = old.address("t-1", "dana@example.com", com.commercive.support.email.ReplyAddresses.Role.OWNER).orElseThrow();
    assertThat(replies.ticketOf(signedBefore, "dana@example.com")).contains("t-1");

    assertThatThrownBy(() -> SupportConfig.from(env("INBOUND_EMAIL_DOMAIN", "support.localhost",
        "REPLY_ADDRESS_SECRET", "short"))).hasMessageContaining("at least 32 bytes");
    assertThatThrownBy(() -> SupportConfig.from(env("INBOUND_EMAIL_DOMAIN", "not a domain",
        "REPLY_ADDRESS_SECRET", "current-reply-key-0123456789abcdefgh"))).hasMessageContaining("INBOUND_EMAIL_DOMAIN");
  }

  @Test
  void readsThePipelinesSettingsEachInItsOwnRecord() {
    SupportConfig config = SupportConfig.from(env(
        "AI_JOBS_QUEUE_URL", "http://127.0.0.1:9324/q/jobs.fifo", "AUTO_REPLY_ENABLED", "false",
        "AI_MAX_REPLIES_PER_TICKET", "2", "ADMIN_NOTIFICATION_EMAILS", "a@example.com, b@example.com",
        "FRONTEND_URL", "https://app.commercive.com/", "MESSAGES_PER_USER_PER_HOUR", "0",
        "AWS_ENDPOINT_URL", "http://127.0.0.1:4566", "AWS_ENDPOINT_URL_SES", "http://127.0.0.1:8005"));
    assertThat(config.queues().aiJobsQueue()).isEqualTo("http://127.0.0.1:9324/q/jobs.fifo");
    assertThatThrownBy(() -> config.queues().notificationsQueue()).hasMessageContaining("NOTIFICATIONS_QUEUE_URL");
    assertThat(config.autoReplies()).isEqualTo(new AutoReplySettings(false, 2, java.time.Duration.ofMillis(300)));
    assertThat(config.email().adminEmails()).containsExactly("a@example.com", "b@example.com");
    assertThat(config.email().frontendUrl()).isEqualTo(URI.create("https://app.commercive.com"));
    assertThat(config.limits().messagesPerUser()).isZero();
    assertThat(config.aws().sesEndpoint()).contains(URI.create("http://127.0.0.1:8005"));
    assertThat(config.aws().sqsEndpoint()).contains(URI.create("http://127.0.0.1:4566"));

    assertThatThrownBy(() -> SupportConfig.from(env("AUTO_REPLY_ENABLED", "yes")))
        .hasMessage("AUTO_REPLY_ENABLED must be true or false");
    assertThatThrownBy(() -> SupportConfig.from(env("ADMIN_NOTIFICATION_EMAILS", "alex")))
        .hasMessageContaining("ADMIN_NOTIFICATION_EMAILS");
    assertThatThrownBy(() -> SupportConfig.from(env("AWS_ENDPOINT_URL_SQS", "localhost")))
        .hasMessage("AWS_ENDPOINT_URL_SQS must be an absolute http(s) URL");
  }

  @Test
  void neverPrintsTheSecret() {
    assertThat(SupportConfig.from(env()).toString()).doesNotContain(SECRET);
  }

  @Test
  void theStacksBucketPrefixesAreTheKeysTheDomainMakes() {
    // The domain depends on nothing, so it keeps its own copy of the prefixes the stack grants on.
    assertThat(com.commercive.support.resources.SupportBuckets.QUARANTINE_PREFIX)
        .isEqualTo(com.commercive.support.domain.Attachment.QUARANTINE_PREFIX);
    assertThat(com.commercive.support.resources.SupportBuckets.CHECKED_PREFIX)
        .isEqualTo(com.commercive.support.domain.Attachment.CHECKED_PREFIX);
  }
}
