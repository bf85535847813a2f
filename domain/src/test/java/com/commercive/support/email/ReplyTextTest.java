package com.commercive.support.email;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The rules one by one; the corpus of real-shaped mails is {@code ReplyCorpusTest} in inbound-email. */
class ReplyTextTest {
  @Test
  void theQuoteUnderOnWroteAndTheSignatureGo() {
    assertThat(ReplyText.newText("""
        Still missing, see below.

        -- 
        Dana, Dana's Candles

        On Mon, 1 Dec 2026 at 10:02, Commercive Support <r-x@support.localhost> wrote:
        > Our assistant replied
        """)).isEqualTo("Still missing, see below.");
  }

  @Test
  void inlineAnswersAndTextBelowTheQuoteAreKeptInOrder() {
    assertThat(ReplyText.newText("""
        On Mon, 1 Dec 2026, Sam wrote:
        > Which order?
        #1042

        > Since when?
        Friday
        """)).isEqualTo("#1042\n\nFriday");
  }

  @Test
  void wordsThatOnlyLookLikeHeadersStay() {
    String text = """
        On Monday we shipped 40 parcels:
        From: our warehouse in Leeds
        Date: 1 Dec
        Nothing arrived.""";
    assertThat(ReplyText.newText(text)).isEqualTo(text);
  }

  @Test
  void anOutlookBlockAndEverythingAfterItGo() {
    assertThat(ReplyText.newText("""
        Thanks, that worked.

        ________________________________
        From: Commercive Support <r-x@support.localhost>
        Sent: Monday, 1 December 2026 10:02
        To: Dana
        Subject: Re: Payout
        old text
        """)).isEqualTo("Thanks, that worked.");
  }

  @Test
  void onlyAQuoteOrOnlySentFromLeavesNothing() {
    assertThat(ReplyText.newText("> quoted only\n> more")).isEmpty();
    assertThat(ReplyText.newText("\nSent from my iPhone\n")).isEmpty();
  }

  @Test
  void atMostTenThousandCharacters() {
    assertThat(ReplyText.newText("a".repeat(20_000))).hasSize(ReplyText.MAX_CHARS);
  }
}
