package com.commercive.support.assistant.kb;

import com.commercive.support.assistant.Answer;
import com.commercive.support.assistant.Assistant;
import com.commercive.support.assistant.Question;
import com.commercive.support.assistant.Source;
import com.commercive.support.assistant.Topic;
import com.commercive.support.assistant.Turn;
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
  static final int MAX_ANSWER_CHARS = 800;
  /** At most this many sections of one article answer one part of a message. */
  static final int MAX_SECTIONS = 3;
  /** A further section is added only when at least this much of its text fits. */
  static final int MIN_SECTION_CHARS = 120;
  /** An opening this short is a summary worth adding after the matching sections. */
  static final int SUMMARY_CHARS = 220;
  private static final java.util.regex.Pattern LIST_ITEM = java.util.regex.Pattern.compile("([-*]|\\d+\\.)\\s");

  private final KnowledgeBase knowledgeBase;

  public KnowledgeBaseAssistant(KnowledgeBase knowledgeBase) {
    this.knowledgeBase = knowledgeBase;
  }

  @Override
  public Answer answer(Question question) {
    return answer(knowledgeBase.retrieve(question.text(), previousQuestion(question)));
  }

  /** The merchant's previous message on the ticket, which a follow-up question refers to. */
  public static String previousQuestion(Question question) {
    for (int i = question.history().size() - 1; i >= 0; i--) {
      Turn turn = question.history().get(i);
      if (turn.speaker() == Turn.Speaker.CUSTOMER) {
        return turn.text();
      }
    }
    return null;
  }

  /**
   * The answer for a retrieval already made (the LLM providers fall back to it): for each part of
   * the message, the section that matches it best (and the next one when it matches nearly as
   * well and there is room), then the articles cited.
   */
  public static Answer answer(Retrieval retrieval) {
    if (retrieval.handoff()) {
      return handoff(retrieval);
    }
    List<Retrieval.Match> answering = retrieval.answering();
    boolean several = answering.size() > 1;
    int room = MAX_ANSWER_CHARS / answering.size();
    StringBuilder text = new StringBuilder();
    List<Source> sources = new ArrayList<>();
    for (Retrieval.Match match : answering) {
      int partStart = text.length();
      // An article's opening, when it is a one-line summary, often holds the figure or the menu
      // path the sections build on ("The minimum payout is $50"): room is kept for it after them.
      Article.Section opening = match.article().sections().get(0);
      boolean openingShown = match.sections().subList(0, Math.min(2, match.sections().size())).contains(opening);
      String summary = !openingShown && opening.heading().equals(match.article().title())
          && opening.text().length() <= SUMMARY_CHARS ? plain(opening.text()) : null;
      int limit = partStart + room - (summary == null ? 0 : summary.length() + 2);
      appendSection(text, match.article(), match.sections().get(0), several, limit);
      // The next best sections while the part stays short: a question is often answered by two.
      for (int i = 1; i < Math.min(MAX_SECTIONS, match.sections().size()); i++) {
        // A heading with no room under it ("Get your link:\n…") helps nobody.
        if (text.length() - partStart >= room * 2 / 3 || limit - text.length() < MIN_SECTION_CHARS) {
          break;
        }
        if (summary != null && match.sections().get(i) == opening) {
          continue;
        }
        appendSection(text, match.article(), match.sections().get(i), several, limit);
      }
      if (summary != null) {
        text.append(summary).append("\n\n");
      }
      sources.add(match.article().source());
    }
    text.append(sources.size() == 1 ? "From our help article " : "From our help articles ");
    for (int i = 0; i < sources.size(); i++) {
      text.append(i == 0 ? "" : i == sources.size() - 1 ? " and " : ", ")
          .append('"').append(sources.get(i).title()).append('"');
    }
    text.append(". ").append(CLOSING);
    return new Answer(text.toString(), retrieval.topic(), retrieval.confidence(), sources, false);
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

  private static void appendSection(
      StringBuilder text, Article article, Article.Section section, boolean nameArticle, int limit) {
    boolean intro = section.heading().equals(article.title());
    if (nameArticle) {
      text.append(article.title()).append(intro ? ":\n" : " - " + section.heading() + ":\n");
    } else if (!intro) {
      text.append(section.heading()).append(":\n");
    }
    String body = plain(section.text());
    int room = limit - text.length();
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
