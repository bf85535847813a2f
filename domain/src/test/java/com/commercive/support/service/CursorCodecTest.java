package com.commercive.support.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.commercive.support.domain.ValidationException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class CursorCodecTest {
  final CursorCodec codec = new CursorCodec(bytes("the-first-secret-of-at-least-32-bytes"));

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void roundTripsWithinItsScope() {
    String cursor = codec.seal("user-1\ntickets", "{\"k\":\"v\"}");
    assertThat(codec.open("user-1\ntickets", cursor)).isEqualTo("{\"k\":\"v\"}");
    assertThat(codec.seal("s", null)).isNull();
    assertThat(codec.open("s", null)).isNull();
  }

  @Test
  void refusesAnotherScopeAnotherSecretAndTampering() {
    String cursor = codec.seal("user-1\ntickets", "{\"k\":\"v\"}");
    assertInvalid(() -> codec.open("user-2\ntickets", cursor));
    assertInvalid(() -> new CursorCodec(bytes("another-secret-of-at-least-32-bytes!")).open("user-1\ntickets", cursor));

    String forgedPayload =
        Base64.getUrlEncoder().withoutPadding().encodeToString(bytes("{\"k\":\"w\"}"))
            + cursor.substring(cursor.indexOf('.'));
    assertInvalid(() -> codec.open("user-1\ntickets", forgedPayload));
    for (String garbage : new String[] {"", ".", "abc", "a.b.c", "!!!.???", "x".repeat(5000)}) {
      assertInvalid(() -> codec.open("user-1\ntickets", garbage));
    }
  }

  @Test
  void scopeAndPayloadCannotBeShiftedIntoEachOther() {
    String cursor = codec.seal("ab", "c");
    assertInvalid(() -> codec.open("a", cursor.replace(
        Base64.getUrlEncoder().withoutPadding().encodeToString(bytes("c")),
        Base64.getUrlEncoder().withoutPadding().encodeToString(bytes("bc")))));
  }

  private static void assertInvalid(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> assertThat(e.errors().get(0).field()).isEqualTo("cursor"));
  }
}
