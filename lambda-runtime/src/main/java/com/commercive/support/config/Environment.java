package com.commercive.support.config;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Environment variables, read the one way every setting is read: blank is unset, values are
 * trimmed, and a value that cannot be used is refused with the variable's name.
 */
public final class Environment {
  private final Map<String, String> variables;

  public Environment(Map<String, String> variables) {
    this.variables = Map.copyOf(variables.entrySet().stream()
        .filter(e -> e.getKey() != null && e.getValue() != null)
        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
  }

  public static Environment system() {
    return new Environment(System.getenv());
  }

  public Optional<String> value(String name) {
    String value = variables.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  public boolean has(String prefix) {
    return variables.keySet().stream().anyMatch(k -> k.startsWith(prefix));
  }

  /**
   * A whole number in {@code [min, max]}, or {@code fallback} when unset.
   *
   * @throws IllegalArgumentException naming the variable when it is not one
   */
  public long number(String name, long fallback, long min, long max) {
    Optional<String> raw = value(name);
    if (raw.isEmpty()) {
      return fallback;
    }
    try {
      long parsed = Long.parseLong(raw.get());
      if (parsed < min || parsed > max) {
        throw new NumberFormatException();
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number from " + min + " to " + max);
    }
  }

  public int integer(String name, int fallback, int min, int max) {
    return (int) number(name, fallback, min, max);
  }

  /** {@code true} or {@code false}, or {@code fallback} when unset. */
  public boolean flag(String name, boolean fallback) {
    Optional<String> raw = value(name);
    if (raw.isEmpty()) {
      return fallback;
    }
    if (!raw.get().equals("true") && !raw.get().equals("false")) {
      throw new IllegalArgumentException(name + " must be true or false");
    }
    return Boolean.parseBoolean(raw.get());
  }

  /** A comma-separated list, each entry trimmed, empty entries dropped. */
  public List<String> list(String name) {
    return value(name)
        .map(v -> Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList())
        .orElse(List.of());
  }

  /** An absolute http(s) URL. */
  public Optional<URI> url(String name) {
    return value(name).map(v -> url(name, v));
  }

  static URI url(String name, String value) {
    URI uri;
    try {
      uri = URI.create(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + " must be an absolute http(s) URL");
    }
    if (uri.getScheme() == null || uri.getHost() == null) {
      throw new IllegalArgumentException(name + " must be an absolute http(s) URL");
    }
    return uri;
  }
}
