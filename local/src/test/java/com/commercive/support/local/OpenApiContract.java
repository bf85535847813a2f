package com.commercive.support.local;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/** The end-to-end tests' responses checked against the OpenAPI document, as the handler's are. */
final class OpenApiContract {
  private OpenApiContract() {}

  static void check(String method, String pathAndQuery, HttpResponse<String> response) {
    Map<String, String> headers = new LinkedHashMap<>();
    response.headers().map().forEach((name, values) -> headers.put(name, String.join(",", values)));
    com.commercive.support.api.OpenApiContract.load()
        .check(method, pathAndQuery, response.statusCode(), headers, response.body());
  }
}
