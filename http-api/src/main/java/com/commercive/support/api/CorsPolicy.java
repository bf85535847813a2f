package com.commercive.support.api;

import com.commercive.support.resources.CorsHeaders;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CORS by allow-list: an allowed Origin is echoed with credentials allowed; any other origin gets
 * no grant. A configured {@code *} serves credential-less setups and never allows credentials.
 */
public final class CorsPolicy {
  static final String ALLOWED_METHODS = "GET,POST,PUT,PATCH,DELETE,OPTIONS";
  static final String ALLOWED_HEADERS = String.join(",", CorsHeaders.ALLOWED);
  static final String EXPOSED_HEADERS = String.join(",", CorsHeaders.EXPOSED);
  static final String MAX_AGE_SECONDS = "600";

  private final boolean anyOrigin;
  private final Set<String> origins;

  public CorsPolicy(List<String> allowedOrigins) {
    this.anyOrigin = allowedOrigins.contains("*");
    this.origins = Set.copyOf(allowedOrigins.stream().map(CorsPolicy::normalise).toList());
  }

  /** Headers for an ordinary response to a request from {@code origin} (null when none sent). */
  Map<String, String> headers(String origin) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (anyOrigin) {
      headers.put("Access-Control-Allow-Origin", "*");
      headers.put("Access-Control-Expose-Headers", EXPOSED_HEADERS);
      return headers;
    }
    // The answer depends on Origin, so caches must key on it even when nothing is granted.
    headers.put("Vary", "Origin");
    if (origin != null && origins.contains(normalise(origin))) {
      headers.put("Access-Control-Allow-Origin", origin);
      headers.put("Access-Control-Allow-Credentials", "true");
      headers.put("Access-Control-Expose-Headers", EXPOSED_HEADERS);
    }
    return headers;
  }

  /** Headers for a preflight: the grant (if any) plus what may be sent and for how long. */
  Map<String, String> preflightHeaders(String origin) {
    Map<String, String> headers = headers(origin);
    headers.put("Access-Control-Allow-Methods", ALLOWED_METHODS);
    headers.put("Access-Control-Allow-Headers", ALLOWED_HEADERS);
    headers.put("Access-Control-Max-Age", MAX_AGE_SECONDS);
    return headers;
  }

  private static String normalise(String origin) {
    String trimmed = origin.strip();
    return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
  }
}
