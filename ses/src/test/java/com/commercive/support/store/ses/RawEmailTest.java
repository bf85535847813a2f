package com.commercive.support.store.ses;

import static org.assertj.core.api.Assertions.assertThat;

import com.commercive.support.email.Email;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.TextBody;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.junit.jupiter.api.Test;

/** What SES is handed is what a mail client reads back: addresses, encoded subject, headers, bodies. */
class RawEmailTest {
  @Test
  void aMailClientReadsBackEverythingTheEmailSays() throws IOException {
    Email email = new Email("dana@example.com", "[Commercive Support] Re: Café payout € (#6f1c2a7e)",
        "Our team replied:\n\nIt is on its way.\n", "<p>Our team replied:</p><p>It is on its way.</p>",
        "r-uabc-def@support.localhost", List.of(new Email.Header("In-Reply-To", "<ticket-6f1c@support.localhost>"),
            new Email.Header("References", "<ticket-6f1c@support.localhost>"),
            new Email.Header("Auto-Submitted", "auto-generated")));
    byte[] raw = RawEmail.of(email, "Commercive Support <support@commercive.com>");
    String head = new String(raw, StandardCharsets.US_ASCII);
    assertThat(head).as("7-bit on the wire").doesNotContain("Café").contains("Auto-Submitted: auto-generated\r\n");

    Message read = new DefaultMessageBuilder().parseMessage(new ByteArrayInputStream(raw));
    assertThat(read.getFrom().get(0).getAddress()).isEqualTo("support@commercive.com");
    assertThat(read.getFrom().get(0).getName()).isEqualTo("Commercive Support");
    assertThat(read.getTo().flatten().get(0).getAddress()).isEqualTo("dana@example.com");
    assertThat(read.getReplyTo().flatten().get(0).getAddress()).isEqualTo("r-uabc-def@support.localhost");
    assertThat(read.getSubject()).isEqualTo("[Commercive Support] Re: Café payout € (#6f1c2a7e)");
    assertThat(read.getHeader().getField("In-Reply-To").getBody()).isEqualTo("<ticket-6f1c@support.localhost>");
    assertThat(read.getHeader().getField("References").getBody()).isEqualTo("<ticket-6f1c@support.localhost>");
    Multipart alternative = (Multipart) read.getBody();
    assertThat(alternative.getSubType()).isEqualTo("alternative");
    assertThat(text(alternative, 0)).isEqualTo("Our team replied:\n\nIt is on its way.\n");
    assertThat(alternative.getBodyParts().get(0).getMimeType()).isEqualTo("text/plain");
    assertThat(text(alternative, 1)).contains("<p>It is on its way.</p>");
    assertThat(alternative.getBodyParts().get(1).getMimeType()).isEqualTo("text/html");
  }

  @Test
  void withoutAReplyAddressRepliesGoToTheSender() throws IOException {
    byte[] raw = RawEmail.of(new Email("alex@example.com", "s", "t", "<p>t</p>"), "support@commercive.com");
    Message read = new DefaultMessageBuilder().parseMessage(new ByteArrayInputStream(raw));
    assertThat(read.getReplyTo()).isNull();
  }

  @Test
  void longAndForeignSubjectsAndNamesAreEncodedWordsAClientDecodes() throws IOException {
    String subject = "[Commercive Support] Re: " + "Überweisung fehlt – 支付 😕 ".repeat(6) + "(#6f1c2a7e)";
    byte[] raw = RawEmail.of(new Email("dana@example.com", subject, "t", "<p>t</p>"),
        "Zoë's Support <support@commercive.com>");
    String head = new String(raw, StandardCharsets.US_ASCII);
    for (String line : head.split("\r\n")) {
      assertThat(line.length()).as(line).isLessThanOrEqualTo(998);
    }
    Message read = new DefaultMessageBuilder().parseMessage(new ByteArrayInputStream(raw));
    assertThat(read.getSubject()).isEqualTo(subject);
    assertThat(read.getFrom().get(0).getName()).isEqualTo("Zoë's Support");
    assertThat(RawEmail.mailbox("Commercive Support <support@commercive.com>"))
        .isEqualTo("Commercive Support <support@commercive.com>");
    assertThat(RawEmail.mailbox("Support, Team <a@b.c>")).isEqualTo("\"Support, Team\" <a@b.c>");
  }

  private static String text(Multipart multipart, int index) throws IOException {
    TextBody body = (TextBody) multipart.getBodyParts().get(index).getBody();
    try (var in = body.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
    }
  }
}
