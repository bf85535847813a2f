package com.commercive.support.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.commercive.support.domain.Priority;
import com.commercive.support.domain.Ticket;
import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EmailComposerTest {
  final EmailComposer composer = new EmailComposer(URI.create("https://app.commercive.com"));

  /** Issue 13: a subject stored before direction controls were refused still reads as written. */
  @Test
  void noDirectionControlOrLineBreakReachesAnEmailHeader() {
    Ticket ticket = Ticket.open("t-1", "user-1", "Refund \u202egnp.exe\u202c\r\nBcc: x@y.z\u200b", Priority.HIGH,
        Instant.parse("2026-12-01T10:00:00Z"));
    Email email = composer.compose(Notification.Kind.TICKET_CLOSED, ticket, null, "owner@example.com");
    assertThat(email.subject()).contains("Refund gnp.exe  Bcc: x@y.z")
        .doesNotContain("\u202e").doesNotContain("\u202c").doesNotContain("\u200b")
        .doesNotContain("\r").doesNotContain("\n");
  }
}
