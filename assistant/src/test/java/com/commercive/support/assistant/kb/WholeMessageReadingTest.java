package com.commercive.support.assistant.kb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.commercive.support.assistant.Answer;
import com.commercive.support.assistant.Question;
import com.commercive.support.assistant.Source;
import com.commercive.support.assistant.Turn;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 28: how the assistant reads a whole message: the sentences that ask apart from the story
 * around them, advice that is not the help centre's to give, a follow-up that points back, each
 * question of a two-question message, and the handoff threshold as a setting. The messages here
 * are written for these tests, not taken from the evaluation set.
 */
class WholeMessageReadingTest {
  static KnowledgeBase knowledgeBase;

  @BeforeAll
  static void load() {
    knowledgeBase = KnowledgeBase.load();
  }

  @Test
  void findsTheSentencesThatAskAfterAStory() {
    assertThat(Clauses.asking("we switched warehouses last week. my staff recounted on friday. commercive still"
        + " shows the old counts, what do i do?")).isEqualTo("commercive still shows the old counts, what do i do?");
    assertThat(Clauses.asking("I have bills to pay. Where is my payout? Third time I am writing."))
        .isEqualTo("Where is my payout?");
    // A sentence joined on with "and" after a question is asked too.
    assertThat(Clauses.asking("Can I ship part of an order? And the tracking page shows nothing."))
        .isEqualTo("Can I ship part of an order? And the tracking page shows nothing.");
    // Every sentence asks, or none does: the whole message is the question.
    assertThat(Clauses.asking("withdraw??")).isEqualTo("withdraw??");
    assertThat(Clauses.asking("stock wrong. orders missing.")).isEqualTo("stock wrong. orders missing.");
  }

  @Test
  void aProblemStatedIsAskedAndAnotherThingIsASecondQuestion() {
    assertThat(Clauses.asking("my phone was stolen last week. i cant get the code to log in. please help"))
        .isEqualTo("i cant get the code to log in. please help");
    assertThat(Clauses.split("my parcel shows delivered but it never came. different thing: will you send me a 1099")
        .stream().filter(Clauses.Clause::separate).map(Clauses.Clause::text))
        .containsExactly("my parcel shows delivered but it never came", "will you send me a 1099");
  }

  @Test
  void anAskThatNamesNothingLeavesTheStoryToSayWhat() {
    Retrieval retrieval = knowledgeBase.retrieve("we launched our spring range yesterday, twenty new products made in"
        + " shopify. they are on the website already and selling but commercive shows none of them. help");
    assertThat(retrieval.matches().get(0).article().id()).isEqualTo("inventory-missing-products");
    assertThat(retrieval.handoff()).isFalse();
  }

  @Test
  void orderingMoreStockIsAboutStockNotOrders() {
    Retrieval retrieval = knowledgeBase.retrieve("can i get a warning before a product runs out so i can order more");
    assertThat(retrieval.matches().get(0).article().id()).isEqualTo("inventory-low-stock-alerts");
  }

  @Test
  void adviceOnTaxesLawAndBooksIsHandedOffInAnyPhrasing() {
    for (String advice : List.of(
        "should we record the affiliate commission as income in our books?",
        "do i need to register for vat once my shop sells more?",
        "do I have to declare the payouts to the IRS as self-employed income?",
        "is the referral agreement legally binding if I cancel?",
        "what does clause 4 of the terms mean for my shop?",
        "can you recommend a cheaper supplier for candles?",
        "am i allowed to add my customers emails to my newsletter without asking them?",
        "tell me a joke")) {
      assertThat(ScopeGuard.outOfScope(advice)).as(advice).isTrue();
      assertThat(knowledgeBase.retrieve(advice).handoff()).as(advice).isTrue();
    }
  }

  @Test
  void aStoryThatMentionsAnAdviserOrASupplierIsStillAnswered() {
    for (String inScope : List.of(
        "my accountant asked for the orders from last month. where can i find an order that is missing?",
        "our supplier sends a spreadsheet every monday and we upload it to shopify. how long until commercive"
            + " shows the new stock?",
        "this is a joke. the stock in commercive is wrong again, how do i fix it?")) {
      assertThat(ScopeGuard.outOfScope(inScope)).as(inScope).isFalse();
    }
  }

  @Test
  void theQuestionAfterAStoryFindsItsArticle() {
    Retrieval retrieval = knowledgeBase.retrieve("we run a candle shop with forty scents and my partner keeps the"
        + " books on sundays. last month we moved everything to a new unit and recounted every shelf. commercive"
        + " now shows other numbers than shopify for the same product, which one is right?");
    assertThat(retrieval.matches().get(0).article().id()).isEqualTo("inventory-stock-mismatch");
    assertThat(retrieval.handoff()).isFalse();
  }

  @Test
  void aLongerFollowUpThatPointsBackIsReadWithThePreviousMessage() {
    Answer answer = new KnowledgeBaseAssistant(knowledgeBase).answer(new Question(
        "should i send her a replacement now or wait a few more days?", null,
        List.of(new Turn(Turn.Speaker.CUSTOMER, "my customer's parcel has not moved on tracking for ten days"))));
    assertThat(answer.handoff()).isFalse();
    assertThat(answer.sources()).extracting(Source::id).first().isEqualTo("orders-delayed-shipments");
  }

  @Test
  void aSecondQuestionAddedWithTooGetsItsOwnArticle() {
    Retrieval retrieval = knowledgeBase.retrieve("how do i change the email on my account, and my password too");
    assertThat(retrieval.answering()).extracting(m -> m.article().id())
        .containsExactlyInAnyOrder("account-change-email", "account-password-reset");
  }

  @Test
  void theHandoffThresholdIsASetting() {
    String question = "how long does a payout take to arrive";
    Retrieval calibrated = knowledgeBase.retrieve(question);
    assertThat(knowledgeBase.handoffThreshold()).isEqualTo(KnowledgeBase.HANDOFF_THRESHOLD);
    assertThat(calibrated.handoff()).isFalse();
    KnowledgeBase strict = knowledgeBase.withHandoffThreshold(Math.min(1, calibrated.confidence() + 0.005));
    assertThat(strict.handoffThreshold()).isGreaterThan(calibrated.confidence());
    assertThat(strict.retrieve(question).handoff()).isTrue();
    assertThat(strict.retrieve(question).confidence()).isEqualTo(calibrated.confidence());
    assertThat(knowledgeBase.withHandoffThreshold(0).retrieve("tracking hasn't moved, should i wait").handoff()).isFalse();
    assertThatThrownBy(() -> knowledgeBase.withHandoffThreshold(1.2)).isInstanceOf(IllegalArgumentException.class);
  }
}
