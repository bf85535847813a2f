package com.commercive.support.store.ses;

import com.commercive.support.email.Email;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.UUID;

/**
 * An email as the raw MIME message SES sends: From, To, Reply-To, Date, the subject (an RFC 2047
 * encoded word when it is not ASCII), the email's own headers, and the text and HTML bodies as
 * {@code multipart/alternative} in UTF-8, base 64. Written by hand because this one shape is all the
 * notifier sends, where a MIME library would add a megabyte to its jar (docs/performance.md); a
 * mail client's reading of it is checked with Apache James mime4j in the tests.
 */
final class RawEmail {
  private static final String CRLF = "\r\n";
  /** An encoded word is at most 75 characters: "=?UTF-8?B?" + 60 characters of base 64 + "?=" leaves room. */
  private static final int WORD_BYTES = 45;

  private RawEmail() {}

  static byte[] of(Email email, String from) {
    return of(email, from, ZonedDateTime.now(ZoneOffset.UTC), "=_" + UUID.randomUUID().toString().replace("-", ""));
  }

  static byte[] of(Email email, String from, ZonedDateTime date, String boundary) {
    StringBuilder mail = new StringBuilder();
    header(mail, "From", mailbox(from));
    header(mail, "To", mailbox(email.to()));
    if (email.replyTo() != null) {
      header(mail, "Reply-To", mailbox(email.replyTo()));
    }
    header(mail, "Subject", encoded(email.subject()));
    header(mail, "Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(date));
    for (Email.Header own : email.headers()) {
      header(mail, own.name(), own.value());
    }
    header(mail, "MIME-Version", "1.0");
    header(mail, "Content-Type", "multipart/alternative; boundary=\"" + boundary + "\"");
    mail.append(CRLF);
    part(mail, boundary, "text/plain", email.text());
    part(mail, boundary, "text/html", email.html());
    mail.append("--").append(boundary).append("--").append(CRLF);
    return mail.toString().getBytes(StandardCharsets.US_ASCII);
  }

  private static void header(StringBuilder mail, String name, String value) {
    String unfolded = value.replace(CRLF + " ", " ");
    if (unfolded.indexOf('\r') >= 0 || unfolded.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("a header value must be one line (or folded by us)");
    }
    mail.append(name).append(": ").append(value).append(CRLF);
  }

  private static void part(StringBuilder mail, String boundary, String type, String content) {
    mail.append("--").append(boundary).append(CRLF)
        .append("Content-Type: ").append(type).append("; charset=UTF-8").append(CRLF)
        .append("Content-Transfer-Encoding: base64").append(CRLF).append(CRLF)
        .append(Base64.getMimeEncoder(76, CRLF.getBytes(StandardCharsets.US_ASCII))
            .encodeToString(content.getBytes(StandardCharsets.UTF_8)))
        .append(CRLF);
  }

  /** "Name <address>" with the name encoded when it is not ASCII; a bare address as it is. */
  static String mailbox(String mailbox) {
    String value = mailbox.strip();
    int open = value.lastIndexOf('<');
    if (open <= 0 || !value.endsWith(">")) {
      return value;
    }
    String name = value.substring(0, open).strip();
    if (name.startsWith("\"") && name.endsWith("\"") && name.length() >= 2) {
      name = name.substring(1, name.length() - 1);
    }
    String shown = ascii(name) && name.matches("[A-Za-z0-9 !#$%&'*+/=?^_`{|}~.-]*")
        ? name
        : ascii(name) ? "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"" : encoded(name);
    return shown + " " + value.substring(open);
  }

  /** The text as it is when it is printable ASCII, else RFC 2047 encoded words folded over lines. */
  static String encoded(String text) {
    if (ascii(text)) {
      return text;
    }
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder();
    int start = 0;
    while (start < bytes.length) {
      int end = Math.min(bytes.length, start + WORD_BYTES);
      while (end < bytes.length && (bytes[end] & 0xC0) == 0x80) {
        end--; // never split a character's bytes between two words
      }
      if (out.length() > 0) {
        out.append(CRLF).append(' ');
      }
      byte[] chunk = java.util.Arrays.copyOfRange(bytes, start, end);
      out.append("=?UTF-8?B?").append(Base64.getEncoder().encodeToString(chunk)).append("?=");
      start = end;
    }
    return out.toString();
  }

  private static boolean ascii(String text) {
    return text.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
  }
}
