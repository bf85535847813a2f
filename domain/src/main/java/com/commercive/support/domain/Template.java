package com.commercive.support.domain;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A canned response's body: text with {@code {{variable}}} placeholders, filled from the ticket,
 * its owner and the agent when it is posted. Only the known variables are allowed, so a typo is
 * refused when the response is saved rather than sent to a merchant.
 */
public final class Template {
  public static final List<String> VARIABLES =
      List.of("customer_name", "customer_email", "ticket_subject", "ticket_id", "agent_name");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^{}]*?)\\s*}}");

  private Template() {}

  /** The placeholders in {@code body} that are not known variables, in order of appearance. */
  public static Set<String> unknownVariables(String body) {
    Set<String> unknown = new LinkedHashSet<>();
    Matcher matcher = PLACEHOLDER.matcher(body);
    while (matcher.find()) {
      if (!VARIABLES.contains(matcher.group(1))) {
        unknown.add(matcher.group(1));
      }
    }
    return unknown;
  }

  /** {@code body} with each known variable replaced by its value ({@code ""} when there is none). */
  public static String fill(String body, Map<String, String> values) {
    Matcher matcher = PLACEHOLDER.matcher(body);
    StringBuilder filled = new StringBuilder();
    while (matcher.find()) {
      String name = matcher.group(1);
      String value = VARIABLES.contains(name) ? values.getOrDefault(name, "") : matcher.group();
      matcher.appendReplacement(filled, Matcher.quoteReplacement(value == null ? "" : value));
    }
    matcher.appendTail(filled);
    return filled.toString();
  }
}
