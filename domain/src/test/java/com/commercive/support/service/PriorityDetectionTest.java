package com.commercive.support.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.commercive.support.assistant.Topic;
import com.commercive.support.domain.Priority;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Each signal, and what only sounds like one. (How well it does overall: PriorityDetectionEvaluationTest.) */
class PriorityDetectionTest {

  @ParameterizedTest(name = "{0} / {1}")
  @CsvSource(delimiter = '|', value = {
      "payout | my payout from monday never arrived | mentions money missing or held",
      "Where is my money | the transfer you sent last week bounced back, it says returned | mentions money missing or held",
      "charged twice | you charged me twice for march, please refund one | mentions a wrong charge",
      "orders | no new orders are coming into commercive since 9am | orders are not going through",
      "checkout | customers cannot checkout, they get an error at checkout | orders are not going through",
      "help | the app was uninstalled from shopify and nothing updates now | the store is disconnected or down",
      "login | i cant log in, it says my account is locked | the merchant is locked out",
      "weird login | got a new login from Brazil alert, that was not me | possible access by someone else",
      "sale | our sale starts today and the product pages are broken, customers are complaining | urgent, with customers or a sale at stake"})
  void eachSignalRaisesToHighWithItsReason(String subject, String message, String reason) {
    assertThat(PriorityDetection.detect(subject, message))
        .contains(new PriorityDetection.Detection(Priority.HIGH, reason));
  }

  @ParameterizedTest(name = "{0} / {1}")
  @CsvSource(delimiter = '|', value = {
      "payouts | how do payouts work and when are they sent?",
      "question | what happens if a payout fails? just curious",
      "URGENT | urgent: where do I change the font of my invoices?",
      "login issue | I was locked out yesterday but it's fine now, thanks",
      "orders | did an order get stuck last night? the dashboard looked odd but it's all good now",
      "refund policy | if I downgrade, do I get the difference back?",
      "sync | the sync is a bit slow this week, not a big deal",
      "feature | can you add a dark mode?",
      "2fa | how do I set up the authenticator app?",
      "URGENT | urgent: my invoice footer shows an error in the VAT line",
      "emails | I stopped getting the low stock alert emails",
      "overselling | how can I prevent overselling during a sale?",
      "question about launch | we launch next month, what happens if a payout fails?"})
  void questionsAndSettledThingsAreNotRaised(String subject, String message) {
    assertThat(PriorityDetection.detect(subject, message)).isEmpty();
  }

  @Test
  void theAssistantsTopicGivesAProblemWithoutItsSubjectItsArea() {
    assertThat(PriorityDetection.detect("??", "where is it. it was due friday")).isEmpty();
    assertThat(PriorityDetection.detect("??", "where is it. it was due friday", Optional.of(Topic.PAYOUTS)))
        .contains(new PriorityDetection.Detection(Priority.HIGH, "mentions money missing or held"));
    assertThat(PriorityDetection.detect("hi", "how do I add a team member?", Optional.of(Topic.ACCOUNT))).isEmpty();
    assertThat(PriorityDetection.detect("hi", "it is not working", Optional.of(Topic.GENERAL))).isEmpty();
  }

  @Test
  void merchantsShorthandIsReadAsWritten() {
    assertThat(PriorityDetection.normalise("Cant login, isnt working, its fine now")).isEqualTo(
        "can't login, isn't working, it's fine now");
    assertThat(PriorityDetection.detect(null, null)).isEmpty();
  }
}
