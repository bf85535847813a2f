package com.commercive.support.api;

import com.commercive.support.domain.ValidationException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Parses raw query strings, keeping repeats so that they can be refused rather than merged. */
public final class QueryString {
  private QueryString() {}

  /**
   * Every occurrence of every parameter, decoded, in order.
   *
   * @throws ValidationException for a malformed escape
   */
  public static List<Map.Entry<String, String>> parse(String raw) {
    List<Map.Entry<String, String>> pairs = new ArrayList<>();
    if (raw == null || raw.isEmpty()) {
      return pairs;
    }
    for (String part : raw.split("&")) {
      if (part.isEmpty()) {
        continue;
      }
      int eq = part.indexOf('=');
      String name = eq < 0 ? part : part.substring(0, eq);
      String value = eq < 0 ? "" : part.substring(eq + 1);
      pairs.add(new SimpleImmutableEntry<>(decode(name), decode(value)));
    }
    return pairs;
  }

  /** The single value of {@code name}, null when absent; a repeated parameter is refused. */
  static String single(List<Map.Entry<String, String>> query, String name) {
    String found = null;
    for (Map.Entry<String, String> pair : query) {
      if (pair.getKey().equals(name)) {
        if (found != null) {
          throw ValidationException.of(name, "must be given at most once");
        }
        found = pair.getValue();
      }
    }
    return found;
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      throw ValidationException.of("query", "is not a well-formed query string");
    }
  }
}
