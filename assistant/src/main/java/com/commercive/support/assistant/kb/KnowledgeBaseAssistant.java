package com.commercive.support.assistant.kb;

import com.commercive.support.assistant.Answer;
import com.commercive.support.assistant.Assistant;
import com.commercive.support.assistant.Question;
import com.commercive.support.assistant.Source;
import com.commercive.support.assistant.Topic;
import java.util.ArrayList;
import java.util.List;

/**
 * The default assistant, which needs nothing from outside: it answers from the best sections of
 * the best matching help articles and cites them, or hands off when it is not confident.
 */
public final class KnowledgeBaseAssistant implements Assistant {
  static final String HANDOFF_TEXT =
      "Thanks for your question. I couldn't find an answer I'm confident about in our help"
          + " centre, so I've passed it to our support team: a person will reply here as soon as"
          + " possible.";
  static final String OUT_OF_SCOPE_TEXT =
      "I can help with questions about using Commercive: connecting your Shopify store,"
          + " inventory, orders and tracking, the affiliate programme, payouts and your account."
          + " I've passed your message to our support team in case they can help further.";
  static final String CLOSING =
      "If this doesn't solve it, reply here and someone from our support team will follow up.";
  /** Keeps an answer readable in a chat thread; the article has the rest. */
  static final int MAX_ANSWER_CHARS = 1_400;
  private static final java.util.regex.Pattern LIST_ITEM = java.util.regex.Pattern.compile("([-*]|\\d+\\.)\\s");

  private final KnowledgeBase knowledgeBase;

  public KnowledgeBaseAssistant(KnowledgeBase knowledgeBase) {
    this.knowledgeBase = knowledgeBase;
  }

  @Override
  public Answer answer(Question question) {
    return answer(knowledgeBase.retrieve(question.text()));
  }

  /** The answer for a retrieval already made (the LLM providers fall back to it). */
  public static Answer answer(Retrieval retrieval) {
    if (retrieval.handoff()) {
      return handoff(retrieval);
    }
    Retrieval.Match best = retrieval.matches().get(0);
    StringBuilder text = new StringBuilder();
    text.append("From our help article \"").append(best.article().title()).append("\":\n\n");
    List<Article.Section> sections = best.sections();
    appendSection(text, best.article(), sections.get(0));
    if (sections.size() > 1 && text.length() < MAX_ANSWER_CHARS / 2) {
      appendSection(text, best.article(), sections.get(1));
    }
    List<Source> sources = new ArrayList<>();
    sources.add(best.article().source());
    if (retrieval.matches().size() > 1) {
      Retrieval.Match next = retrieval.matches().get(1);
      if (next.score() >= best.score() * 0.6) {
        text.append("You may also find \"").append(next.article().title()).append("\" useful.\n\n");
        sources.add(next.article().source());
      }
    }
    text.append(CLOSING);
    return new Answer(
        text.toString(), retrieval.topic(), retrieval.confidence(), sources, false);
  }

  /** A short, polite handoff; the topic is the best guess, or general when out of scope. */
  public static Answer handoff(Retrieval retrieval) {
    boolean outOfScope =
        retrieval.reason() == Retrieval.Reason.OUT_OF_SCOPE
            || retrieval.reason() == Retrieval.Reason.NO_MATCH;
    return new Answer(
        outOfScope ? OUT_OF_SCOPE_TEXT : HANDOFF_TEXT,
        outOfScope ? Topic.GENERAL : retrieval.topic(),
        retrieval.confidence(),
        List.of(),
        true);
  }

  private static void appendSection(StringBuilder text, Article article, Article.Section section) {
    if (!section.heading().equals(article.title())) {
      text.append(section.heading()).append(":\n");
    }
    String body = plain(section.text());
    int room = MAX_ANSWER_CHARS - text.length();
    if (body.length() > room) {
      int cut = body.lastIndexOf('\n', room);
      body = (cut > 0 ? body.substring(0, cut) : body.substring(0, Math.max(0, room))).strip() + "\n…";
    }
    text.append(body).append("\n\n");
  }

  /**
   * Plain text for a chat thread: emphasis and code marks removed, and the article's
   * hard-wrapped lines joined back into paragraphs (list items keep their own lines).
   */
  static String plain(String markdown) {
    List<String> lines = new ArrayList<>();
    boolean joinable = false;
    for (String raw : markdown.replace("**", "").replace("`", "").split("\n")) {
      String line = raw.strip();
      if (line.isEmpty()) {
        if (!lines.isEmpty() && !lines.get(lines.size() - 1).isEmpty()) {
          lines.add("");
        }
        joinable = false;
      } else if (joinable && !LIST_ITEM.matcher(line).lookingAt()) {
        lines.set(lines.size() - 1, lines.get(lines.size() - 1) + " " + line);
      } else {
        lines.add(line);
        joinable = true;
      }
    }
    return String.join("\n", lines).strip();
  }

}
