package com.commercive.support.store.s3;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A browser upload form for S3 signed with AWS Signature Version 4 ("POST policy"): the policy
 * allows exactly one key, one content type and a size range, until it expires. The AWS SDK for
 * Java signs GET and PUT links but not POST forms, hence this class.
 */
final class S3PostPolicy {
  static final String ALGORITHM = "AWS4-HMAC-SHA256";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter EXPIRATION =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  /** The keys that sign: an access key pair, and the session token when the keys are temporary. */
  record Signer(String accessKeyId, String secretAccessKey, String sessionToken, String region) {}

  private S3PostPolicy() {}

  /**
   * The form's fields, in the order they are sent (the file goes after them): the key, the
   * content type, the signing fields, the policy and its signature.
   */
  static Map<String, String> fields(String bucket, String key, String contentType, long minBytes, long maxBytes,
      Instant expiresAt, Instant now, Signer signer) {
    String credential = signer.accessKeyId() + "/" + DAY.format(now) + "/" + signer.region() + "/s3/aws4_request";
    String date = STAMP.format(now);
    ObjectNode policy = JSON.createObjectNode();
    policy.put("expiration", EXPIRATION.format(expiresAt.truncatedTo(ChronoUnit.MILLIS)));
    ArrayNode conditions = policy.putArray("conditions");
    conditions.addObject().put("bucket", bucket);
    conditions.addObject().put("key", key);
    conditions.addObject().put("Content-Type", contentType);
    conditions.addArray().add("content-length-range").add(minBytes).add(maxBytes);
    conditions.addObject().put("x-amz-algorithm", ALGORITHM);
    conditions.addObject().put("x-amz-credential", credential);
    conditions.addObject().put("x-amz-date", date);
    if (signer.sessionToken() != null) {
      conditions.addObject().put("x-amz-security-token", signer.sessionToken());
    }
    String encodedPolicy = Base64.getEncoder().encodeToString(policy.toString().getBytes(StandardCharsets.UTF_8));

    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("key", key);
    fields.put("Content-Type", contentType);
    fields.put("x-amz-algorithm", ALGORITHM);
    fields.put("x-amz-credential", credential);
    fields.put("x-amz-date", date);
    if (signer.sessionToken() != null) {
      fields.put("x-amz-security-token", signer.sessionToken());
    }
    fields.put("policy", encodedPolicy);
    fields.put("x-amz-signature", signature(encodedPolicy, signer.secretAccessKey(), DAY.format(now), signer.region()));
    return fields;
  }

  /** The policy's signature: the base64 policy is the string to sign, with the day's S3 signing key. */
  static String signature(String encodedPolicy, String secretAccessKey, String day, String region) {
    byte[] key = signingKey(secretAccessKey, day, region, "s3");
    return HexFormat.of().formatHex(hmac(key, encodedPolicy));
  }

  /** SigV4's key derivation: the secret, then the day, the region, the service and "aws4_request". */
  static byte[] signingKey(String secretAccessKey, String day, String region, String service) {
    byte[] key = hmac(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), day);
    key = hmac(key, region);
    key = hmac(key, service);
    return hmac(key, "aws4_request");
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }
}
