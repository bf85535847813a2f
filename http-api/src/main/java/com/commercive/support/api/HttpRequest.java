package com.commercive.support.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP request as the API sees it, whatever carried it (API Gateway, a Function URL or the
 * local runner). Header names are lower case; {@code rawQuery} is the query string as sent.
 */
public record HttpRequest(
    String method,
    String path,
    Map<String, String> headers,
    String rawQuery,
    byte[] body,
    String requestId) {

  /**
   * Every occurrence of every query parameter, decoded.
   *
   * @throws com.commercive.support.domain.ValidationException for a malformed query string
   */
  public List<Map.Entry<String, String>> query() {
    return QueryString.parse(rawQuery);
  }

  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
  }
}
