package com.commercive.support.assistant.kb;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Recognises messages the assistant must not answer from the help centre whatever they share
 * with it: attempts to change its instructions, requests for things a support desk doesn't do
 * (poems, jokes, weather, trivia), and advice that is not the help centre's to give (tax, law,
 * accounting).
 */
final class ScopeGuard {
  /** Out of scope wherever they appear in a message. */
  private static final List<Pattern> ANYWHERE =
      List.of(
          // Prompt injection and role play.
          Pattern.compile("\\b(ignore|disregard|forget|override)\\b.{0,40}\\b(instructions?|prompts?|rules|guidelines|above|previous)\\b"),
          Pattern.compile("\\b(system|hidden|initial)\\s+(prompt|message|instructions?)\\b"),
          Pattern.compile("\\byou are (now|no longer)\\b|\\bpretend (to be|you are)\\b|\\bact as\\b|\\brole ?play\\b"),
          Pattern.compile("\\b(jailbreak|dan mode|developer mode|do anything now)\\b"),
          // Creative writing and chit-chat.
          Pattern.compile("\\b(write|compose|make up|give)\\b.{0,30}\\b(poem|haiku|limerick|song|lyrics|story|essay|joke|rap)s?\\b"),
          Pattern.compile("\\b(poem|haiku|limerick)s?\\b|\\b(tell|know|hear|share)\\b.{0,20}\\b(jokes?|riddles?)\\b"));

  /**
   * Out of scope when the sentences that ask are about them: a story may mention the weather, a
   * supplier or an accountant ("my accountant wanted to see last year's orders") and still ask
   * something the help centre answers.
   */
  private static final List<Pattern> WHEN_ASKED =
      List.of(
          // Everyday topics no help article covers.
          Pattern.compile("\\b(weather|forecast|temperature outside|horoscope|recipe|bake|cook(ing)?|movie|film|football|soccer|basketball|world cup|lottery|crypto(currency)?|bitcoin)\\b"),
          Pattern.compile("\\b(capital of|president of|prime minister|who (won|invented|wrote|discovered)|meaning of life|how tall|how far is)\\b"),
          Pattern.compile("\\b(homework|math problem|solve (this|for)|translate (this|into|to))\\b"),
          // Other platforms' accounts and tools: their support answers, not ours.
          Pattern.compile("^(?!.*\\b(commercive|shopify)\\b).*\\b(amazon|ebay|etsy|walmart|woocommerce|wix|squarespace|bigcommerce|magento|facebook|instagram|tiktok|pinterest|snapchat|google merchant|google shopping)\\b"),
          // Advice a help desk must not give: taxes, law, accounting, marketing copy. The help
          // centre says which tax form Commercive needs and what it reports; what the merchant
          // owes, declares or books is theirs and their adviser's.
          Pattern.compile("\\b(vat|sales tax|gst) (return|filing|threshold|registration)s?\\b|\\bfile (my |our )?(taxes|vat|tax return)\\b|\\b(tax|legal) advice\\b|\\blawyer\\b"),
          Pattern.compile("\\b(irs|hmrc|cra|tax office|tax authorit(y|ies)|tax bracket|self[- ]employ\\w*|deductible|write[- ]?off)\\b"),
          Pattern.compile("\\bregister(ed)? for (vat|gst|sales tax)\\b|\\b(pay|owe|charge|collect) (any )?(vat|gst|sales tax|tax|taxes|income tax)\\b(?! form)"),
          Pattern.compile("\\b(report|declare|book|record|enter|put|count|treat|categori[sz]e|classify|list)\\b.{0,60}\\b(as (income|revenue|an? expense|a discount|a rebate)|in (my|our|the) (books|accounts|ledger|bookkeeping|accounting)|on (my|our|the) (tax return|taxes|balance sheet|p&l))"),
          Pattern.compile("\\b(legally|legal(ly)? (allowed|required|obliged)|lawsuit|sue|liable|liability|solicitor|attorney|gdpr|trademark|copyright)\\b"),
          // Consent and privacy law: whether the merchant may email or keep their customers' data.
          Pattern.compile("\\b(newsletter|mailing list|marketing (emails?|list)|customers'? (emails?|data|details))\\b.{0,60}\\b(allowed|legal|consent|permission|without asking)\\b"
              + "|\\b(allowed|legal|consent|permission)\\b.{0,60}\\b(newsletter|mailing list|marketing emails?)\\b"),
          Pattern.compile("\\b(contract|agreement|terms( of service)?|clause)\\b.{0,40}\\b(mean|means|legal|binding|enforce\\w*)\\b"),
          Pattern.compile("\\b(write|draft|create)\\b.{0,30}\\b(product description|ad copy|slogan|tagline|caption|blog post)s?\\b"),
          // Sourcing: Commercive has no part in merchants' suppliers.
          Pattern.compile("\\b(find|recommend|suggest|need|looking for|source|good|best|cheap(er|est)?|reliable|which|switch)\\b.{0,30}\\b(supplier|manufacturer|wholesaler|dropshipper)s?\\b"));

  private ScopeGuard() {}

  static boolean outOfScope(String question) {
    return matchesAny(ANYWHERE, question) || matchesAny(WHEN_ASKED, Clauses.asking(question));
  }

  private static boolean matchesAny(List<Pattern> patterns, String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    for (Pattern pattern : patterns) {
      if (pattern.matcher(lower).find()) {
        return true;
      }
    }
    return false;
  }
}
