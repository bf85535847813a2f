package com.commercive.support.assistant.kb;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Recognises messages the assistant must not answer from the help centre whatever they share
 * with it: attempts to change its instructions, and requests for things a support desk doesn't
 * do (poems, jokes, weather, trivia).
 */
final class ScopeGuard {
  private static final List<Pattern> OUT_OF_SCOPE =
      List.of(
          // Prompt injection and role play.
          Pattern.compile("\\b(ignore|disregard|forget|override)\\b.{0,40}\\b(instructions?|prompts?|rules|guidelines|above|previous)\\b"),
          Pattern.compile("\\b(system|hidden|initial)\\s+(prompt|message|instructions?)\\b"),
          Pattern.compile("\\byou are (now|no longer)\\b|\\bpretend (to be|you are)\\b|\\bact as\\b|\\brole ?play\\b"),
          Pattern.compile("\\b(jailbreak|dan mode|developer mode|do anything now)\\b"),
          // Creative writing and chit-chat.
          Pattern.compile("\\b(write|compose|make up|give)\\b.{0,30}\\b(poem|haiku|limerick|song|lyrics|story|essay|joke|rap)s?\\b"),
          Pattern.compile("\\b(poem|haiku|limerick|joke|riddle)s?\\b"),
          // Everyday topics no help article covers.
          Pattern.compile("\\b(weather|forecast|temperature outside|horoscope|recipe|bake|cook(ing)?|movie|film|football|soccer|basketball|world cup|lottery|crypto(currency)?|bitcoin)\\b"),
          Pattern.compile("\\b(capital of|president of|prime minister|who (won|invented|wrote|discovered)|meaning of life|how tall|how far is)\\b"),
          Pattern.compile("\\b(homework|math problem|solve (this|for)|translate (this|into|to))\\b"),
          // Other platforms' accounts and tools: their support answers, not ours.
          Pattern.compile("^(?!.*\\b(commercive|shopify)\\b).*\\b(amazon|ebay|etsy|walmart|woocommerce|wix|squarespace|bigcommerce|magento|facebook|instagram|tiktok|pinterest|snapchat|google merchant)\\b"),
          // Advice a help desk must not give: taxes, law, marketing copy.
          Pattern.compile("\\b(vat|sales tax) (return|filing)s?\\b|\\bfile (my )?(taxes|vat)\\b|\\b(tax|legal) advice\\b|\\blawyer\\b"),
          Pattern.compile("\\b(write|draft|create)\\b.{0,30}\\b(product description|ad copy|slogan|tagline|caption|blog post)s?\\b"),
          // Sourcing: Commercive has no part in merchants' suppliers.
          Pattern.compile("\\b(supplier|manufacturer|wholesaler|dropshipper)s?\\b"));

  private ScopeGuard() {}

  static boolean outOfScope(String question) {
    String text = question.toLowerCase(Locale.ROOT);
    for (Pattern pattern : OUT_OF_SCOPE) {
      if (pattern.matcher(text).find()) {
        return true;
      }
    }
    return false;
  }
}
