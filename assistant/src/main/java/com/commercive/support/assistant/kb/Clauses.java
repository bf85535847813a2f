package com.commercive.support.assistant.kb;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the shape of a merchant's message: the clauses that may each ask something ("payout
 * pending and how do I change my bank"), whether a clause asks, and whether a message only makes
 * sense after the previous one ("and how long does that take?").
 */
final class Clauses {
  /** Sentence ends, and "also" or "and" followed by a new question. */
  private static final Pattern BOUNDARY = Pattern.compile(
      "[?!;]+\\s*|\\.\\s+|,?\\s+also,?\\s+|\\s*\\b(different|another|other|one more|second) (thing|question)\\s*[:,-]\\s*|,\\s*and\\s+(?=[^,.?!]*\\b(too|as well)\\b)|,\\s*and\\s+(?=(how|what|where|when|which|why|who|is|are|can|could|do|does|will|should)\\b)"
          + "|\\s+and\\s+(?=(how|what|where|when|which|why|who)\\b)",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern ASKS = Pattern.compile(
      "^(how|what|whats|what's|where|when|which|why|who|is|are|can|could|do|does|did|will|should|would|please)\\b|\\?\\s*$",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern REFERS_BACK = Pattern.compile(
      "^(and|also|but|so|then|ok|okay|what about|how about)\\b|\\b(that|this|it|its|those|these|there|them|same|her|him|then|else|again)\\b",
      Pattern.CASE_INSENSITIVE);
  /** A boundary that itself says a new question follows. */
  private static final Pattern JOINED = Pattern.compile("\\b(also|and|thing|question)\\b", Pattern.CASE_INSENSITIVE);
  /** "... ? And how do I ...": the clause itself opens with the joining word. */
  private static final Pattern LEADING_JOINER =
      Pattern.compile("(oh and|and|also|plus|btw|by the way)\\b,?\\s*", Pattern.CASE_INSENSITIVE);
  /** Where one sentence ends and the next begins. */
  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[?!.;])\\s+|\\n+");
  /**
   * A sentence that asks or requests anywhere in it ("..., what do i do", "i need the money",
   * "can't log in, help"), not only at its start.
   */
  private static final Pattern REQUESTS = Pattern.compile(
      "\\?|\\b(how (do|does|can|could|should|would|long|much|many|come|to)|what (do|does|should|would|can|now|happens|did|is|are|if|else)"
          + "|where (is|are|do|does|can|did)|when (do|does|will|is|are|should|can|did)|why|anything else"
          + "|which (one|is|do)|(can|could|do|should|would|will) (i|you|we|it)|is (it|there|this|that)|are (there|they)"
          + "|tell me|help|i need|we need|i want|we want|i'd like|please|what's|whats|any way|is there a way"
          // A problem stated is what the merchant asks to have solved: "i can't get the code".
          + "|can't|cant|cannot|can not|won't|wont|doesn't|doesnt|isn't|isnt|not working|don't|dont|never|nothing)\\b",
      Pattern.CASE_INSENSITIVE);
  private static final int MIN_CLAUSE_WORDS = 2;
  /** A follow-up says little of its own: a longer message that points back is read alone. */
  private static final int SHORT_FOLLOW_UP_WORDS = 18;

  private Clauses() {}

  /**
   * One clause of a message; {@code separate} when it is a question of its own: the first clause,
   * or one that asks ("how do I...?") or is joined by "also" or "and how/what...". A later clause
   * that only states something ("the tracking link is empty") describes the first one.
   */
  record Clause(String text, boolean separate) {}

  /** The message's clauses of at least two words, in order (the message itself when only one). */
  static List<Clause> split(String message) {
    List<Clause> clauses = new ArrayList<>();
    String text = message.strip();
    Matcher boundary = BOUNDARY.matcher(text);
    int start = 0;
    String joiner = "";
    while (start <= text.length()) {
      boolean found = boundary.find();
      int end = found ? boundary.start() : text.length();
      String clause = text.substring(start, end).strip();
      Matcher lead = LEADING_JOINER.matcher(clause);
      boolean joined = JOINED.matcher(joiner).find() || lead.lookingAt();
      clause = clause.substring(lead.lookingAt() ? lead.end() : 0).strip();
      if (clause.split("\\s+").length >= MIN_CLAUSE_WORDS) {
        clauses.add(new Clause(clause, clauses.isEmpty() || joined || asks(clause)));
      }
      if (!found) {
        break;
      }
      joiner = boundary.group();
      start = boundary.end();
    }
    return clauses.isEmpty() ? List.of(new Clause(message, true)) : clauses;
  }

  /** Whether the clause asks something (rather than only giving context). */
  static boolean asks(String clause) {
    return ASKS.matcher(clause.strip()).find();
  }

  /**
   * The sentences of the message that ask something, joined, when the message also holds sentences
   * that only tell its story ("we moved to a new warehouse last week... what do i do"); the message
   * itself when every sentence asks, or none does (then the whole of it is the question).
   */
  static String asking(String message) {
    String[] sentences = SENTENCE_END.split(message.strip());
    List<String> asking = new ArrayList<>();
    for (String sentence : sentences) {
      // "... ? And a customer says the tracking shows nothing": joined on, it is asked too.
      if (!sentence.isBlank() && (REQUESTS.matcher(sentence).find() || LEADING_JOINER.matcher(sentence.strip()).lookingAt())) {
        asking.add(sentence.strip());
      }
    }
    return asking.isEmpty() || asking.size() == sentences.length ? message.strip() : String.join(" ", asking);
  }

  /** Whether the message refers back to an earlier one: short, or pointing at "that". */
  static boolean followUp(String message) {
    String text = message.strip().toLowerCase(Locale.ROOT);
    return text.split("\\s+").length <= SHORT_FOLLOW_UP_WORDS && REFERS_BACK.matcher(text).find();
  }
}
