package com.commercive.support.service;

import com.commercive.support.domain.ValidationException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns a store's continuation token into a cursor a client can hold but not forge: the token
 * is signed together with the cursor's scope (the caller and the query), so a tampered cursor,
 * or one replayed by another user or on another query, fails verification.
 */
public final class CursorCodec {
  private static final String ALGORITHM = "HmacSHA256";
  private static final int MAC_BYTES = 16;
  private static final int MAX_CURSOR_LENGTH = 4096;
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private final SecretKeySpec key;

  /** {@code secret} is the service's signing secret; cursors get a key derived for them alone. */
  public CursorCodec(byte[] secret) {
    byte[] derived = hmac(new SecretKeySpec(secret, ALGORITHM), "commercive-support/cursor/v1");
    this.key = new SecretKeySpec(derived, ALGORITHM);
  }

  /** The cursor for {@code token} within {@code scope}; null when there is no next page. */
  public String seal(String scope, String token) {
    if (token == null) {
      return null;
    }
    byte[] payload = token.getBytes(StandardCharsets.UTF_8);
    return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(mac(scope, payload));
  }

  /** The token inside {@code cursor}, verified against {@code scope}; null for no cursor. */
  public String open(String scope, String cursor) {
    if (cursor == null) {
      return null;
    }
    if (cursor.isEmpty() || cursor.length() > MAX_CURSOR_LENGTH) {
      throw invalid();
    }
    int dot = cursor.indexOf('.');
    if (dot <= 0 || dot != cursor.lastIndexOf('.')) {
      throw invalid();
    }
    byte[] payload;
    byte[] presented;
    try {
      payload = DECODER.decode(cursor.substring(0, dot));
      presented = DECODER.decode(cursor.substring(dot + 1));
    } catch (IllegalArgumentException notBase64) {
      throw invalid();
    }
    if (!MessageDigest.isEqual(mac(scope, payload), presented)) {
      throw invalid();
    }
    return new String(payload, StandardCharsets.UTF_8);
  }

  private byte[] mac(String scope, byte[] payload) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      byte[] scopeBytes = scope.getBytes(StandardCharsets.UTF_8);
      // Length-prefix the scope so no scope/payload split can collide with another.
      mac.update(java.nio.ByteBuffer.allocate(4).putInt(scopeBytes.length).array());
      mac.update(scopeBytes);
      mac.update(payload);
      return Arrays.copyOf(mac.doFinal(), MAC_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }

  private static byte[] hmac(SecretKeySpec key, String data) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }

  private static ValidationException invalid() {
    return ValidationException.of("cursor", "is invalid, or was issued for another query");
  }
}
