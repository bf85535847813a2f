package com.commercive.support.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.commercive.support.email.InboundScreen.DropReason;
import com.commercive.support.email.InboundScreen.Verdicts;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InboundScreenTest {
  static final Map<String, List<String>> PERSON = Map.of("auto-submitted", List.of("no"),
      "x-auto-response-suppress", List.of("All"));

  @Test
  void aPersonsReplyPasses() {
    assertThat(InboundScreen.screen(PERSON, "dana@example.com", "dana@example.com", Verdicts.ALL_PASS)).isEmpty();
    assertThat(InboundScreen.screen(Map.of(), "dana@example.com", null, new Verdicts("PASS", "PASS", "GRAY", "FAIL",
        "GRAY"))).as("SPF and DKIM alone do not drop, nor a gray DMARC").isEmpty();
  }

  @Test
  void machinesAreDroppedWhateverTheyLookLike() {
    for (Map<String, List<String>> headers : List.of(
        Map.of("auto-submitted", List.of("auto-replied")), Map.of("auto-submitted", List.of("auto-generated")),
        Map.of("precedence", List.of("bulk")), Map.of("precedence", List.of(" List ")),
        Map.of("precedence", List.of("junk")), Map.of("precedence", List.of("auto_reply")),
        Map.of("x-autoreply", List.of("yes")), Map.of("x-autorespond", List.of("")),
        Map.of("list-id", List.of("<news.example.com>")), Map.of("list-unsubscribe", List.of("<mailto:x@y>")),
        Map.of("x-loop", List.of("support")))) {
      assertThat(InboundScreen.screen(headers, "dana@example.com", "dana@example.com", Verdicts.ALL_PASS))
          .as(headers.toString()).contains(DropReason.AUTOMATED);
    }
    for (String from : List.of("MAILER-DAEMON@mx.example.com", "postmaster@example.com", "no-reply@shop.example",
        "", " ")) {
      assertThat(InboundScreen.screen(Map.of(), from, "x@y.z", Verdicts.ALL_PASS)).as(from).contains(DropReason.AUTOMATED);
    }
    assertThat(InboundScreen.screen(Map.of(), "dana@example.com", "<>", Verdicts.ALL_PASS)).as("a bounce")
        .contains(DropReason.AUTOMATED);
  }

  @Test
  void spamVirusAndAFailedDmarcAreDropped() {
    assertThat(InboundScreen.screen(Map.of(), "a@b.c", "a@b.c", new Verdicts("FAIL", "PASS", "PASS", "PASS", "PASS")))
        .contains(DropReason.FAILED_VERDICT);
    assertThat(InboundScreen.screen(Map.of(), "a@b.c", "a@b.c", new Verdicts("PASS", "FAIL", "PASS", "PASS", "PASS")))
        .contains(DropReason.FAILED_VERDICT);
    assertThat(InboundScreen.screen(Map.of(), "a@b.c", "a@b.c", new Verdicts("PASS", "PASS", "PASS", "PASS", "fail")))
        .contains(DropReason.FAILED_VERDICT);
  }
}
