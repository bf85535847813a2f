package com.commercive.support.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReplyAddressesTest {
  static final byte[] KEY = "reply-key-for-tests-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
  static final byte[] NEW_KEY = "reply-key-rotated-in-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
  final ReplyAddresses replies = new ReplyAddresses("support.localhost", List.of(KEY));
  final String ticket = "6f1c2a7e-3b9d-4c15-8e2f-0a9b8c7d6e5f";

  @Test
  void aReplyAddressNamesTheTicketOnlyForTheAddressItWasSentTo() {
    String address = replies.address(ticket, "dana@example.com", ReplyAddresses.Role.OWNER).orElseThrow();
    assertThat(address).matches("r-u[a-z2-7]{26}-[a-z2-7]{16}@support\\.localhost");
    assertThat(address.substring(0, address.indexOf('@'))).hasSizeLessThanOrEqualTo(64);

    assertThat(replies.ticketOf(address, "dana@example.com")).contains(ticket);
    assertThat(replies.addresseeOf(address, "dana@example.com"))
        .contains(new ReplyAddresses.Addressee(ticket, ReplyAddresses.Role.OWNER));
    assertThat(replies.ticketOf(address.toUpperCase(), " Dana@Example.COM ")).as("case folded on the way").contains(ticket);
    assertThat(replies.ticketOf(address, "mallory@example.com")).as("someone else replying").isEmpty();
    assertThat(replies.ticketOf(address.replace("support.localhost", "evil.example"), "dana@example.com")).isEmpty();
  }

  @Test
  void nothingCanBeMadeUpOrAltered() {
    String address = replies.address(ticket, "dana@example.com", ReplyAddresses.Role.OWNER).orElseThrow();
    String other = replies.address(UUID.randomUUID().toString(), "dana@example.com", ReplyAddresses.Role.OWNER).orElseThrow();
    // Another ticket's id with this signature, or this id with another's signature.
    String swapped = address.substring(0, address.indexOf('-', 2)) + other.substring(other.indexOf('-', 2));
    assertThat(replies.ticketOf(swapped, "dana@example.com")).isEmpty();
    Random random = new Random(7);
    for (int i = 0; i < 500; i++) {
      char[] chars = address.toCharArray();
      int at = 2 + random.nextInt(address.indexOf('@') - 2);
      chars[at] = chars[at] == 'a' ? 'b' : 'a';
      String altered = new String(chars);
      if (!altered.equals(address)) {
        assertThat(replies.ticketOf(altered, "dana@example.com")).as(altered).isEmpty();
      }
    }
    for (String junk : List.of("", "@support.localhost", "r-@support.localhost", "r--@support.localhost",
        "r-u-aaaa@support.localhost", "r-x" + "a".repeat(26) + "-" + "a".repeat(16) + "@support.localhost",
        "support@support.localhost", "r-u1111-2222@support.localhost", "no-at-sign")) {
      assertThat(replies.ticketOf(junk, "dana@example.com")).as(junk).isEmpty();
    }
    assertThat(new ReplyAddresses("support.localhost", List.of(NEW_KEY)).ticketOf(address, "dana@example.com"))
        .as("another key").isEmpty();
  }

  @Test
  void aRotatedKeyStillTakesRepliesToMailSignedWithTheOldOne() {
    String old = replies.address(ticket, "dana@example.com", ReplyAddresses.Role.OWNER).orElseThrow();
    ReplyAddresses rotated = new ReplyAddresses("support.localhost", List.of(NEW_KEY, KEY));
    assertThat(rotated.ticketOf(old, "dana@example.com")).contains(ticket);
    String fresh = rotated.address(ticket, "dana@example.com", ReplyAddresses.Role.OWNER).orElseThrow();
    assertThat(fresh).isNotEqualTo(old);
    assertThat(replies.ticketOf(fresh, "dana@example.com")).as("the old key alone does not know the new").isEmpty();
  }

  @Test
  void idsOfOtherShapesUpToTwentyBytesHaveAnAddress() {
    assertThat(replies.ticketOf(replies.address("t-1", "a@b.c", ReplyAddresses.Role.OWNER).orElseThrow(), "a@b.c")).contains("t-1");
    assertThat(replies.address("x".repeat(21), "a@b.c", ReplyAddresses.Role.OWNER)).isEmpty();
    // A UUID spelled otherwise than Java writes it would not come back the same: its bytes, too long.
    assertThat(replies.address("6F1C2A7E-3B9D-4C15-8E2F-0A9B8C7D6E5F", "a@b.c", ReplyAddresses.Role.OWNER)).isEmpty();
  }

  @Test
  void keysMustBeLongEnough() {
    assertThatThrownBy(() -> new ReplyAddresses("support.localhost", List.of(new byte[16])))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ReplyAddresses("support.localhost", List.of())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void base32RoundTripsAndHasOneSpellingPerValue() {
    Random random = new Random(3);
    for (int n = 0; n < 40; n++) {
      byte[] bytes = new byte[n];
      random.nextBytes(bytes);
      assertThat(ReplyAddresses.Base32.decode(ReplyAddresses.Base32.encode(bytes))).hasValueSatisfying(
          decoded -> assertThat(decoded).isEqualTo(bytes));
    }
    assertThat(ReplyAddresses.Base32.decode("ab")).as("leftover bits not zero").isEmpty();
    assertThat(ReplyAddresses.Base32.decode("a")).as("too short for a byte").isEmpty();
  }
}
