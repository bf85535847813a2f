package com.commercive.support.store.s3;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

class S3PostPolicyTest {
  static final Instant NOW = Instant.parse("2026-12-01T10:15:30.123Z");
  static final S3PostPolicy.Signer SIGNER =
      new S3PostPolicy.Signer("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", null, "eu-west-1");

  @Test
  void derivesTheSigningKeyOfAwsPublishedExample() {
    // AWS's example of deriving a SigV4 signing key (secret, 20120215, us-east-1, iam).
    byte[] key = S3PostPolicy.signingKey("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20120215", "us-east-1", "iam");
    assertThat(HexFormat.of().formatHex(key))
        .isEqualTo("f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d");
  }

  @Test
  void thePolicyPinsTheBucketKeyTypeSizeAndExpiryAndIsSignedAsSent() throws Exception {
    Map<String, String> fields = S3PostPolicy.fields("files", "quarantine/t-1/a-1", "image/png", 1, 5_000,
        NOW.plusSeconds(900), NOW, SIGNER);

    assertThat(fields.keySet()).containsExactly("key", "Content-Type", "x-amz-algorithm", "x-amz-credential",
        "x-amz-date", "policy", "x-amz-signature");
    assertThat(fields).containsEntry("x-amz-credential", "AKIDEXAMPLE/20261201/eu-west-1/s3/aws4_request")
        .containsEntry("x-amz-date", "20261201T101530Z").containsEntry("x-amz-algorithm", "AWS4-HMAC-SHA256");
    JsonNode policy = new ObjectMapper().readTree(Base64.getDecoder().decode(fields.get("policy")));
    assertThat(policy.get("expiration").asText()).isEqualTo("2026-12-01T10:30:30.123Z");
    assertThat(policy.get("conditions").toString()).isEqualTo("[{\"bucket\":\"files\"},{\"key\":\"quarantine/t-1/a-1\"},"
        + "{\"Content-Type\":\"image/png\"},[\"content-length-range\",1,5000],"
        + "{\"x-amz-algorithm\":\"AWS4-HMAC-SHA256\"},"
        + "{\"x-amz-credential\":\"AKIDEXAMPLE/20261201/eu-west-1/s3/aws4_request\"},"
        + "{\"x-amz-date\":\"20261201T101530Z\"}]");
    assertThat(fields.get("x-amz-signature")).isEqualTo(
        S3PostPolicy.signature(fields.get("policy"), SIGNER.secretAccessKey(), "20261201", "eu-west-1"))
        .hasSize(64);
  }

  @Test
  void temporaryKeysSendAndSignTheirSessionToken() throws Exception {
    var session = new S3PostPolicy.Signer("ASIAEXAMPLE", "secret", "token/with+chars", "us-east-1");
    Map<String, String> fields = S3PostPolicy.fields("files", "k", "text/csv", 1, 10, NOW, NOW, session);

    assertThat(fields).containsEntry("x-amz-security-token", "token/with+chars");
    String policy = new String(Base64.getDecoder().decode(fields.get("policy")), StandardCharsets.UTF_8);
    assertThat(policy).contains("{\"x-amz-security-token\":\"token/with+chars\"}");
  }

  @Test
  void aDifferentSecretOrDaySignsDifferently() {
    String policy = "eyJ0ZXN0IjoxfQ==";
    String signature = S3PostPolicy.signature(policy, "secret-a", "20261201", "us-east-1");
    assertThat(S3PostPolicy.signature(policy, "secret-b", "20261201", "us-east-1")).isNotEqualTo(signature);
    assertThat(S3PostPolicy.signature(policy, "secret-a", "20261202", "us-east-1")).isNotEqualTo(signature);
  }

  @Test
  void aDownloadIsAlwaysAnAttachmentAndItsNameCannotBreakTheHeader() {
    assertThat(S3FileStorage.contentDisposition("report.pdf"))
        .isEqualTo("attachment; filename=\"report.pdf\"; filename*=UTF-8''report.pdf");
    assertThat(S3FileStorage.contentDisposition("a\"b;c é.png"))
        .isEqualTo("attachment; filename=\"a_b_c _.png\"; filename*=UTF-8''a%22b%3Bc%20%C3%A9.png");
  }
}
