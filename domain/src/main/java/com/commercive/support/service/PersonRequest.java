package com.commercive.support.service;

import java.util.Locale;
import java.util.regex.Pattern;

/** Whether a merchant asks to talk to a person rather than the assistant ("agent please", "a real human"). */
public final class PersonRequest {
  private static final Pattern ASKS = Pattern.compile(
      "\\b(talk|speak|chat|connect)\\s+(me\\s+)?(to|with)\\s+(a|an|some|the)?\\s*(real\\s+|live\\s+|actual\\s+)?"
          + "(human|person|someone|somebody|agent|representative|rep|support\\s+agent)\\b"
          + "|\\b(real|live|actual)\\s+(human|person|agent)\\b"
          + "|\\b(human|agent|person|representative)\\s*,?\\s*please\\b"
          + "|\\bnot\\s+(a|the)\\s+(bot|robot|ai|assistant)\\b");

  private PersonRequest() {}

  public static boolean in(String text) {
    return text != null && ASKS.matcher(text.toLowerCase(Locale.ROOT)).find();
  }
}
