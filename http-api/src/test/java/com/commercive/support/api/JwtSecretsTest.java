package com.commercive.support.api;

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

/** The API's secret read from Secrets Manager (a fake speaking its JSON protocol). */
class JwtSecretsTest {
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

    SupportConfig resolved = JwtSecrets.resolve(config());

    assertThat(resolved.jwt().requireSecret()).isEqualTo(secret.getBytes(StandardCharsets.UTF_8));
    server.verify(1, postRequestedFor(urlEqualTo("/")).withRequestBody(
        com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath("$.SecretId", equalTo(ARN))));
  }

  @Test
  void aShortSecretStillRefusesToStart() {
    server.stubFor(post(urlEqualTo("/")).willReturn(okJson("{\"ARN\":\"" + ARN + "\",\"SecretString\":\"short\"}")));
    assertThatThrownBy(() -> JwtSecrets.resolve(config())).hasMessageContaining("at least 32 bytes");
  }

  @Test
  void aPlainSecretIsUsedAsIs() {
    SupportConfig plain = SupportConfig.from(Map.of("JWT_SECRET", "0123456789abcdef0123456789abcdef"));
    assertThat(JwtSecrets.resolve(plain)).isSameAs(plain);
  }
}
