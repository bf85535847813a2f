package com.commercive.support.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.commercive.support.email.InboundScreen.Verdicts;
import com.commercive.support.inbound.SesNotification;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The local receipt rule's notification reads as SES's does. */
class LocalSesReceiptTest {
  @Test
  void itsNotificationIsReadAsSesOwnWithItsEnvelopeVerdictsAndStoredObject() {
    LocalSesReceipt receipt = new LocalSesReceipt(null, "commercive-support-attachments", null, "q", "eu-west-1");
    String json = receipt.notification(new LocalSmtp.Received("dana@example.com", List.of("R-Abc@Support.localhost"),
        new byte[0]), "abc123", "inbound/abc123", Instant.parse("2026-12-06T09:00:00Z"));

    SesNotification read = SesNotification.parse(json);
    assertThat(read.sesMessageId()).isEqualTo("abc123");
    assertThat(read.source()).isEqualTo("dana@example.com");
    assertThat(read.recipients()).containsExactly("r-abc@support.localhost");
    assertThat(read.verdicts()).isEqualTo(Verdicts.ALL_PASS);
    assertThat(read.bucket()).isEqualTo("commercive-support-attachments");
    assertThat(read.objectKey()).isEqualTo("inbound/abc123");
  }
}
