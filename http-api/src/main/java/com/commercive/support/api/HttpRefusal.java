package com.commercive.support.api;

import java.util.Map;

/**
 * A request refused for an HTTP reason (no such route, a method the route does not serve, a body
 * too large or not JSON, missing or bad credentials). Like the help desk's own refusals
 * ({@link com.commercive.support.domain.SupportException}), it carries its status and problem
 * slug, so the API maps every refusal to a problem document in one place.
 */
class HttpRefusal extends RuntimeException {
  final int status;
  final String slug;
  final Map<String, String> headers;

  HttpRefusal(int status, String slug, String detail, Map<String, String> headers) {
    super(detail, null, false, false);
    this.status = status;
    this.slug = slug;
    this.headers = Map.copyOf(headers);
  }

  static HttpRefusal notFound() {
    return new HttpRefusal(404, "not-found", "no such route", Map.of());
  }

  static HttpRefusal methodNotAllowed(String method, String allow) {
    return new HttpRefusal(405, "method-not-allowed", method + " is not allowed here", Map.of("Allow", allow));
  }

  static HttpRefusal bodyTooLarge(int maxBytes) {
    return new HttpRefusal(413, "body-too-large", "the request body must be at most " + maxBytes + " bytes",
        Map.of());
  }

  static HttpRefusal unsupportedMediaType() {
    return new HttpRefusal(415, "unsupported-media-type",
        "the request body must be JSON, sent as Content-Type: application/json",
        Map.of("Accept-Post", "application/json"));
  }
}
