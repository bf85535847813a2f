package com.commercive.support.assistant.llm;

import com.commercive.support.assistant.Answer;
import com.commercive.support.assistant.Assistant;
import com.commercive.support.assistant.Question;
import com.commercive.support.assistant.Source;
import com.commercive.support.assistant.kb.KnowledgeBase;
import com.commercive.support.assistant.kb.KnowledgeBaseAssistant;
import com.commercive.support.assistant.kb.Retrieval;
import com.commercive.support.assistant.llm.ChatModel.ChatModelException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An LLM answering from the help articles the knowledge base retrieves, with the ticket's
 * history as the conversation. Topic, sources and confidence come from the retrieval. Out of
 * scope questions are handed off without calling the model; when the provider fails, the
 * knowledge-base answer (or its handoff) is given instead, never an error.
 */
public final class GroundedLlmAssistant implements Assistant {
  private static final Logger LOG = LoggerFactory.getLogger(GroundedLlmAssistant.class);

  private final KnowledgeBase knowledgeBase;
  private final ChatModel model;

  public GroundedLlmAssistant(KnowledgeBase knowledgeBase, ChatModel model) {
    this.knowledgeBase = knowledgeBase;
    this.model = model;
  }

  /** Retrieval and the knowledge base's answer only: a warm-up never calls the model. */
  @Override
  public void warmUp() {
    KnowledgeBaseAssistant.answer(knowledgeBase.retrieve(WARM_UP_QUESTION));
  }

  @Override
  public Answer answer(Question question) {
    Retrieval retrieval =
        knowledgeBase.retrieve(question.text(), KnowledgeBaseAssistant.previousQuestion(question));
    if (!retrieval.hasMatches()) {
      return KnowledgeBaseAssistant.handoff(retrieval);
    }
    String reply;
    try {
      reply = model.complete(
          Prompts.system(retrieval, question.ticketSubject()), Prompts.conversation(question));
    } catch (ChatModelException failure) {
      LOG.atWarn()
          .addKeyValue("provider", model.name())
          .addKeyValue("error", failure.getMessage())
          .log("assistant provider failed, answering from the knowledge base");
      return KnowledgeBaseAssistant.answer(retrieval);
    }
    if (Prompts.isHandoff(reply)) {
      return KnowledgeBaseAssistant.handoff(
          new Retrieval(retrieval.matches(), retrieval.topic(), retrieval.confidence(), true,
              Retrieval.Reason.LOW_CONFIDENCE, retrieval.parts(), retrieval.signals()));
    }
    return new Answer(reply, retrieval.topic(), retrieval.confidence(), cited(retrieval), false);
  }

  /** The articles the answer was grounded in first: those answering each part of the message. */
  private static List<Source> cited(Retrieval retrieval) {
    return retrieval.answering().stream().map(match -> match.article().source()).toList();
  }
}
