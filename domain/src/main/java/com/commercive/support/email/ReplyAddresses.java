package com.commercive.support.email;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The address a reply to one email goes to: {@code r-<ticket>-<signature>@<domain>}, where the
 * signature is an HMAC of the ticket, the address the email was sent to and the part that recipient
 * plays on the ticket ({@link Role}), so a reply is known to come from the ticket's owner or from
 * the team by the address alone. A reply is taken only
 * when its address verifies for the sender's own address, so a reply address leaked or forwarded
 * is useless to anyone else, and nothing can be made up without the key. Several keys verify (the
 * first signs), so a key is rotated without breaking replies to mail sent before.
 *
 * <p>The local part stays within 64 characters and in lower case (mail systems may fold case): a
 * UUID ticket id is 26 base-32 characters, another id its UTF-8 bytes in base 32 (ids up to 20
 * bytes; longer ones get no reply address), the signature 80 bits in 16 characters.
 */
public final class ReplyAddresses {
  private static final String PREFIX = "r-";
  private static final int SIGNATURE_BYTES = 10;
  private static final int MAX_PLAIN_ID_BYTES = 20;
  private static final int MIN_KEY_BYTES = 32;

  private final String domain;
  private final List<byte[]> keys;

  /** Who an email with a reply address was sent to, as part of the ticket. */
  public enum Role {
    /** The merchant who owns the ticket. */
    OWNER,
    /** A member of the support team: an admin whose user record holds the address. */
    AGENT
  }

  /** Whom a verified reply address names: the ticket, and the role its sender has on it. */
  public record Addressee(String ticketId, Role role) {}

  /**
   * @param domain the inbound mail domain ({@code support.localhost} locally)
   * @param keys the signing key first, then older keys still accepted; each at least 32 bytes
   */
  public ReplyAddresses(String domain, List<byte[]> keys) {
    if (domain == null || domain.isBlank() || keys.isEmpty()) {
      throw new IllegalArgumentException("a reply domain and at least one key are needed");
    }
    for (byte[] key : keys) {
      if (key.length < MIN_KEY_BYTES) {
        throw new IllegalArgumentException("a reply key must be at least " + MIN_KEY_BYTES + " bytes");
      }
    }
    this.domain = domain.toLowerCase(Locale.ROOT);
    this.keys = keys.stream().map(byte[]::clone).toList();
  }

  public String domain() {
    return domain;
  }

  /**
   * The reply address of an email about {@code ticketId} sent to {@code recipient} in {@code role};
   * empty for an id too long.
   */
  public Optional<String> address(String ticketId, String recipient, Role role) {
    return encodeId(ticketId).map(id -> PREFIX + id + "-"
        + Base32.encode(signature(keys.get(0), ticketId, recipient, role)) + "@" + domain);
  }

  /**
   * The ticket a reply is about and its sender's role on it, when {@code to} is one of our reply
   * addresses and was issued to {@code from} (compared without case; display names are the caller's
   * to strip); empty otherwise.
   */
  public Optional<Addressee> addresseeOf(String to, String from) {
    if (to == null || from == null) {
      return Optional.empty();
    }
    String address = to.strip().toLowerCase(Locale.ROOT);
    int at = address.lastIndexOf('@');
    if (at < 0 || !address.substring(at + 1).equals(domain) || !address.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String[] parts = address.substring(PREFIX.length(), at).split("-", -1);
    if (parts.length != 2) {
      return Optional.empty();
    }
    Optional<String> ticketId = decodeId(parts[0]);
    Optional<byte[]> given = Base32.decode(parts[1]);
    if (ticketId.isEmpty() || given.isEmpty() || given.get().length != SIGNATURE_BYTES) {
      return Optional.empty();
    }
    for (byte[] key : keys) {
      for (Role role : Role.values()) {
        if (MessageDigest.isEqual(signature(key, ticketId.get(), from, role), given.get())) {
          return Optional.of(new Addressee(ticketId.get(), role));
        }
      }
    }
    return Optional.empty();
  }

  /** The ticket a reply is about, when {@code to} was issued to {@code from} (see {@link #addresseeOf}). */
  public Optional<String> ticketOf(String to, String from) {
    return addresseeOf(to, from).map(Addressee::ticketId);
  }

  private static byte[] signature(byte[] key, String ticketId, String recipient, Role role) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update(("reply-to\n" + ticketId + "\n" + recipient.strip().toLowerCase(Locale.ROOT) + "\n" + role.name())
          .getBytes(StandardCharsets.UTF_8));
      byte[] full = mac.doFinal();
      byte[] cut = new byte[SIGNATURE_BYTES];
      System.arraycopy(full, 0, cut, 0, SIGNATURE_BYTES);
      return cut;
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JVM", e);
    }
  }

  /** {@code u} + the UUID's 16 bytes, or {@code s} + the id's UTF-8 bytes, in base 32. */
  private static Optional<String> encodeId(String ticketId) {
    try {
      UUID uuid = UUID.fromString(ticketId);
      if (uuid.toString().equals(ticketId)) {
        ByteBuffer bytes = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
            .putLong(uuid.getLeastSignificantBits());
        return Optional.of("u" + Base32.encode(bytes.array()));
      }
    } catch (IllegalArgumentException notAUuid) {
      // an id of another shape: sent as its bytes below
    }
    byte[] bytes = ticketId.getBytes(StandardCharsets.UTF_8);
    return bytes.length == 0 || bytes.length > MAX_PLAIN_ID_BYTES
        ? Optional.empty()
        : Optional.of("s" + Base32.encode(bytes));
  }

  private static Optional<String> decodeId(String encoded) {
    if (encoded.length() < 2) {
      return Optional.empty();
    }
    Optional<byte[]> bytes = Base32.decode(encoded.substring(1));
    if (bytes.isEmpty()) {
      return Optional.empty();
    }
    return switch (encoded.charAt(0)) {
      case 'u' -> {
        if (bytes.get().length != 16) {
          yield Optional.empty();
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes.get());
        yield Optional.of(new UUID(buffer.getLong(), buffer.getLong()).toString());
      }
      case 's' -> bytes.get().length > MAX_PLAIN_ID_BYTES
          ? Optional.empty()
          : Optional.of(new String(bytes.get(), StandardCharsets.UTF_8));
      default -> Optional.empty();
    };
  }

  /** RFC 4648 base 32 in lower case, without padding: safe in a mail address whatever folds its case. */
  static final class Base32 {
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

    private Base32() {}

    static String encode(byte[] data) {
      StringBuilder out = new StringBuilder((data.length * 8 + 4) / 5);
      int buffer = 0;
      int bits = 0;
      for (byte b : data) {
        buffer = (buffer << 8) | (b & 0xff);
        bits += 8;
        while (bits >= 5) {
          out.append(ALPHABET.charAt((buffer >> (bits - 5)) & 31));
          bits -= 5;
        }
      }
      if (bits > 0) {
        out.append(ALPHABET.charAt((buffer << (5 - bits)) & 31));
      }
      return out.toString();
    }

    /** The bytes, or empty for a character outside the alphabet or leftover bits that are not zero. */
    static Optional<byte[]> decode(String text) {
      ByteBuffer out = ByteBuffer.allocate(text.length() * 5 / 8);
      int buffer = 0;
      int bits = 0;
      for (int i = 0; i < text.length(); i++) {
        int value = ALPHABET.indexOf(text.charAt(i));
        if (value < 0) {
          return Optional.empty();
        }
        buffer = (buffer << 5) | value;
        bits += 5;
        if (bits >= 8) {
          out.put((byte) (buffer >> (bits - 8)));
          bits -= 8;
        }
        buffer &= (1 << bits) - 1;
      }
      if (bits >= 5 || buffer != 0) {
        return Optional.empty(); // not what encode writes: one spelling per value
      }
      return Optional.of(out.array());
    }
  }
}
