package com.commercive.support.assistant.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.commercive.support.assistant.Answer;
import com.commercive.support.assistant.Question;
import com.commercive.support.assistant.Source;
import com.commercive.support.assistant.Turn;
import com.commercive.support.assistant.kb.KnowledgeBase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The LLM providers are grounded in the same retrieval as the knowledge-base answers. */
class GroundingTest {
  static KnowledgeBase knowledgeBase;

  /** A model that records what it was told and answers with a fixed text. */
  static final class RecordingModel implements ChatModel {
    final List<String> systemPrompts = new ArrayList<>();

    @Override
    public String complete(String system, List<ChatMessage> messages) {
      systemPrompts.add(system);
      return "Here is what to do.";
    }

    @Override
    public String name() {
      return "recording";
    }
  }

  @BeforeAll
  static void load() {
    knowledgeBase = KnowledgeBase.load();
  }

  @Test
  void theMatchingSectionComesFirstInTheModelsArticle() {
    String prompt = Prompts.system(knowledgeBase.retrieve("My payout says paid but the money is not in my bank"), null);
    assertThat(prompt.indexOf("<article id=\"payouts-pending-or-missing\"")).isGreaterThanOrEqualTo(0)
        .isLessThan(prompt.indexOf("<article id=", prompt.indexOf("<article id=") + 1));
    assertThat(prompt.indexOf("## Paid, but not in your account")).isPositive()
        .isLessThan(prompt.indexOf("## Requested or Processing"));
    assertThat(prompt).doesNotContain("<!-- asks:");
  }

  @Test
  void aFollowUpIsGroundedInTheArticleThatAnswersItInContext() {
    RecordingModel model = new RecordingModel();
    GroundedLlmAssistant assistant = new GroundedLlmAssistant(knowledgeBase, model);
    Answer answer = assistant.answer(new Question("and how long does that take?", "Payout",
        List.of(new Turn(Turn.Speaker.CUSTOMER, "how do I request a payout"))));
    assertThat(answer.handoff()).isFalse();
    assertThat(answer.text()).isEqualTo("Here is what to do.");
    assertThat(answer.sources()).extracting(Source::id).first().isEqualTo("payouts-timing");
    assertThat(model.systemPrompts).singleElement().satisfies(prompt ->
        assertThat(prompt).contains("<article id=\"payouts-timing\""));
  }

  @Test
  void aTwoQuestionMessageCitesTheArticleOfEachPart() {
    RecordingModel model = new RecordingModel();
    Answer answer = new GroundedLlmAssistant(knowledgeBase, model)
        .answer(Question.of("whats the minimum payout and how long does paypal take"));
    assertThat(answer.sources()).extracting(Source::id).containsExactly("payouts-minimum", "payouts-timing");
    assertThat(model.systemPrompts.get(0)).contains("<article id=\"payouts-minimum\"")
        .contains("<article id=\"payouts-timing\"");
  }
}
