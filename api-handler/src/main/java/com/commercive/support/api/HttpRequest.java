package com.commercive.support.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP request as the API sees it, whatever carried it (API Gateway, a Function URL or the
 * local runner). Header names are lower case; {@code query} keeps every occurrence of a parameter.
 */
public record HttpRequest(
    String method,
    String path,
    Map<String, String> headers,
    List<Map.Entry<String, String>> query,
    byte[] body,
    String requestId) {

  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
  }
}
