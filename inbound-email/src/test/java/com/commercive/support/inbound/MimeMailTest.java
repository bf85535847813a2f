package com.commercive.support.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MimeMailTest {
  static final String REPLY = """
      From: "Dana Merchant" <Dana@Example.com>
      To: r-uabc-def@support.localhost
      Subject: =?UTF-8?B?UmU6IFBheW91dCDigqw=?=
      Message-ID: <abc@mail.example.com>
      Auto-Submitted: no
      MIME-Version: 1.0
      Content-Type: multipart/mixed; boundary="outer"

      --outer
      Content-Type: multipart/alternative; boundary="inner"

      --inner
      Content-Type: text/plain; charset=ISO-8859-1
      Content-Transfer-Encoding: quoted-printable

      Caf=E9 =80 12 still missing

      On Mon, 1 Dec 2026 at 10:02, Commercive Support <support@commercive.com> wrote:
      > Our assistant replied
      --inner
      Content-Type: text/html; charset=UTF-8

      <p>Caf&eacute; &euro; 12 still missing</p>
      --inner--
      --outer
      Content-Type: image/png
      Content-Disposition: attachment; filename="shot.png"
      Content-Transfer-Encoding: base64

      iVBORw0KGgo=
      --outer--
      """;

  @Test
  void readsWhoWhatAndTheFilesOfAReply() {
    InboundMail mail = MimeMail.read(REPLY.getBytes(StandardCharsets.US_ASCII));
    assertThat(mail.from()).contains("Dana@Example.com");
    assertThat(mail.to()).containsExactly("r-uabc-def@support.localhost");
    assertThat(mail.subject()).isEqualTo("Re: Payout €");
    assertThat(mail.messageId()).isEqualTo("<abc@mail.example.com>");
    assertThat(mail.header("AUTO-SUBMITTED")).contains("no");
    assertThat(mail.text()).hasValueSatisfying(t -> assertThat(t).startsWith("Café € 12 still missing"));
    assertThat(mail.html()).hasValueSatisfying(h -> assertThat(h).contains("<p>"));
    assertThat(mail.attachments()).singleElement().satisfies(a -> {
      assertThat(a.filename()).isEqualTo("shot.png");
      assertThat(a.contentType()).isEqualTo("image/png");
      assertThat(a.bytes()).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
    });
    assertThat(ReplyBody.newText(mail)).isEqualTo("Café € 12 still missing");
  }

  /** Fuzzed MIME never crashes the reader: it reads what it can, or refuses the mail as unreadable. */
  @Test
  void malformedMailIsReadOrRefusedNeverACrash() {
    Random random = new Random(11);
    byte[] good = REPLY.getBytes(StandardCharsets.US_ASCII);
    for (int round = 0; round < 2_000; round++) {
      byte[] mail = switch (round % 4) {
        case 0 -> java.util.Arrays.copyOf(good, random.nextInt(good.length)); // truncated anywhere
        case 1 -> { // bytes flipped
          byte[] copy = good.clone();
          for (int i = 0; i < 8; i++) {
            copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
          }
          yield copy;
        }
        case 2 -> REPLY.replace("boundary=\"inner\"", "boundary=\"" + "x".repeat(random.nextInt(3)) + "\"")
            .getBytes(StandardCharsets.US_ASCII); // wrong boundaries
        default -> { // random bytes
          byte[] junk = new byte[random.nextInt(400)];
          random.nextBytes(junk);
          yield junk;
        }
      };
      try {
        InboundMail read = MimeMail.read(mail);
        ReplyBody.newText(read);
      } catch (UnreadableMailException refused) {
        // refused with a reason: the raw mail stays where it is
      }
    }
  }

  @Test
  void hugeHeadersAndDeepNestingAreRefusedNotFollowed() {
    String huge = "From: a@b.c\nX-Big: " + "y".repeat(200_000) + "\nSubject: hi\n\nbody\n";
    assertThatThrownBy(() -> MimeMail.read(huge.getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOf(UnreadableMailException.class);
    StringBuilder many = new StringBuilder("From: a@b.c\n");
    for (int i = 0; i < 2_000; i++) {
      many.append("X-H").append(i).append(": v\n");
    }
    assertThatThrownBy(() -> MimeMail.read((many + "\nbody\n").getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOf(UnreadableMailException.class);

    StringBuilder nested = new StringBuilder("From: a@b.c\nMIME-Version: 1.0\n");
    for (int depth = 0; depth < 60; depth++) {
      nested.append("Content-Type: multipart/mixed; boundary=\"b").append(depth).append("\"\n\n--b").append(depth)
          .append('\n');
    }
    nested.append("Content-Type: text/plain\n\ndeep\n");
    assertThatThrownBy(() -> MimeMail.read(nested.toString().getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOf(UnreadableMailException.class);
  }
}
