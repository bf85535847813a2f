package com.commercive.support.store.secretsmanager;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.commercive.support.config.SupportConfig;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The functions' keys read from Secrets Manager (a fake speaking its JSON protocol). */
class SecretsManagerSecretsTest {
  static final String ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:support-jwt-AbCdEf";

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

  SupportConfig config() {
    return SupportConfig.from(Map.of("JWT_SECRET_ARN", ARN, "AWS_ENDPOINT_URL", server.baseUrl(),
        "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test"));
  }

  @Test
  void readsTheSecretNamedByItsArnOnce() {
    String secret = "a-secret-from-secrets-manager-of-40-bytes";
    server.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
        .willReturn(okJson("{\"ARN\":\"" + ARN + "\",\"Name\":\"support-jwt\",\"SecretString\":\"" + secret
            + "\",\"VersionId\":\"v1\",\"CreatedDate\":1795515330}")));

    SupportConfig resolved = SecretsManagerSecrets.resolve(config());

    assertThat(resolved.jwt().requireSecret()).isEqualTo(secret.getBytes(StandardCharsets.UTF_8));
    server.verify(1, postRequestedFor(urlEqualTo("/")).withRequestBody(
        com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath("$.SecretId", equalTo(ARN))));
  }

  @Test
  void aShortSecretStillRefusesToStart() {
    server.stubFor(post(urlEqualTo("/")).willReturn(okJson("{\"ARN\":\"" + ARN + "\",\"SecretString\":\"short\"}")));
    assertThatThrownBy(() -> SecretsManagerSecrets.resolve(config())).hasMessageContaining("at least 32 bytes");
  }

  @Test
  void aPlainSecretIsUsedAsIs() {
    SupportConfig plain = SupportConfig.from(Map.of("JWT_SECRET", "0123456789abcdef0123456789abcdef"));
    assertThat(SecretsManagerSecrets.resolve(plain)).isSameAs(plain);
  }

  static final String REPLY_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:support-reply-AbCdEf";

  SupportConfig replyConfig() {
    return SupportConfig.from(Map.of("INBOUND_EMAIL_DOMAIN", "support.example.com", "REPLY_ADDRESS_SECRET_ARN",
        REPLY_ARN, "AWS_ENDPOINT_URL", server.baseUrl(), "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test"));
  }

  void stubVersion(String stage, String value) {
    server.stubFor(post(urlEqualTo("/")).withRequestBody(
            com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath("$.VersionStage", equalTo(stage)))
        .willReturn(value == null
            ? com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(400)
                .withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody("{\"__type\":\"ResourceNotFoundException\",\"message\":\"no version with stage " + stage
                    + "\"}")
            : okJson("{\"ARN\":\"" + REPLY_ARN + "\",\"SecretString\":\"" + value + "\",\"VersionStages\":[\""
                + stage + "\"]}")));
  }

  /** Issue 26: the reply key rotates by a new version; what the previous one signed is still taken. */
  @Test
  void theReplyKeySignsWithItsCurrentVersionAndStillTakesThePrevious() {
    String previous = "previous-reply-key-0123456789abcdef0123";
    String current = "current-reply-key-0123456789abcdef012345";
    stubVersion("AWSCURRENT", current);
    stubVersion("AWSPREVIOUS", previous);
    var signedBefore = new com.commercive.support.email.ReplyAddresses("support.example.com",
        java.util.List.of(previous.getBytes(StandardCharsets.UTF_8)))
        .address("t-1", "dana@example.com", com.commercive.support.email.ReplyAddresses.Role.OWNER).orElseThrow();

    var replies = SecretsManagerSecrets.resolve(replyConfig()).email().replyAddresses().orElseThrow();

    assertThat(replies.ticketOf(signedBefore, "dana@example.com")).contains("t-1");
    assertThat(replies.address("t-1", "dana@example.com", com.commercive.support.email.ReplyAddresses.Role.OWNER))
        .isEqualTo(new com.commercive.support.email.ReplyAddresses("support.example.com",
            java.util.List.of(current.getBytes(StandardCharsets.UTF_8)))
            .address("t-1", "dana@example.com", com.commercive.support.email.ReplyAddresses.Role.OWNER));
  }

  @Test
  void aReplyKeyNeverRotatedHasNoPreviousVersion() {
    String current = "current-reply-key-0123456789abcdef012345";
    stubVersion("AWSCURRENT", current);
    stubVersion("AWSPREVIOUS", null);
    assertThat(SecretsManagerSecrets.resolve(replyConfig()).email().replyAddresses()).isPresent();
    assertThat(replyConfig().email().replyAddresses()).as("before it is read").isEmpty();
  }
}
