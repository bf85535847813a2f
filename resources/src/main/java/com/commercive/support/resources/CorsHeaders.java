package com.commercive.support.resources;

import java.util.List;

/**
 * The headers a browser may send to the API and read from its answers: what the API's own CORS
 * answers and the stack's CORS settings (HTTP API or Function URL) both list.
 */
public final class CorsHeaders {
  public static final List<String> ALLOWED = List.of("Content-Type", "Authorization", "Idempotency-Key", "If-Match");
  public static final List<String> EXPOSED =
      List.of("Location", "ETag", "Idempotent-Replayed", "Retry-After", "WWW-Authenticate", "Allow");

  private CorsHeaders() {}
}
