package com.commercive.support.store.dynamodb;

import com.commercive.support.domain.ValidationException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Continuation tokens: the string attributes of the key to continue after, as JSON. For the
 * merged inbox, one such key (or "done") per status.
 */
final class PageTokens {
  static final String DONE = "done";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

  private PageTokens() {}

  /** The key attributes {@code names} of {@code item}, as the start key to continue after. */
  static Map<String, String> keyOf(Map<String, AttributeValue> item, List<String> names) {
    Map<String, String> key = new LinkedHashMap<>();
    for (String name : names) {
      key.put(name, item.get(name).s());
    }
    return key;
  }

  static String write(Map<String, ?> token) {
    try {
      return JSON.writeValueAsString(token);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a page token of strings always serialises", e);
    }
  }

  static Map<String, Object> read(String token) {
    try {
      Map<String, Object> map = JSON.readValue(token, MAP);
      if (map == null) {
        throw invalid();
      }
      return map;
    } catch (JsonProcessingException e) {
      throw invalid();
    }
  }

  /**
   * The start key in {@code raw}, which must hold exactly {@code names} as strings, and whose
   * {@code fixed} attributes must equal the query's (so a token cannot wander to another list).
   */
  static Map<String, AttributeValue> startKey(
      Object raw, List<String> names, Map<String, String> fixed) {
    if (!(raw instanceof Map<?, ?> map) || map.size() != names.size()) {
      throw invalid();
    }
    Map<String, AttributeValue> key = new HashMap<>();
    for (String name : names) {
      if (!(map.get(name) instanceof String value) || value.isEmpty()) {
        throw invalid();
      }
      key.put(name, AttributeValue.fromS(value));
    }
    fixed.forEach(
        (name, value) -> {
          if (!value.equals(map.get(name))) {
            throw invalid();
          }
        });
    return key;
  }

  static ValidationException invalid() {
    return ValidationException.of("cursor", "is invalid, or was issued for another query");
  }
}
