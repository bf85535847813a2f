package com.commercive.support.api;

import com.commercive.support.wire.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/** An HTTP response: status, headers and a UTF-8 text body (empty for 204). */
public record HttpResponse(int status, Map<String, String> headers, String body) {
  public static final String JSON_TYPE = "application/json; charset=utf-8";

  public HttpResponse {
    headers = new LinkedHashMap<>(headers);
  }

  /** A JSON response: {@code body} written as the API's JSON. */
  static HttpResponse json(int status, Object body) {
    return new HttpResponse(status, Map.of("Content-Type", JSON_TYPE), Json.write(body));
  }

  public HttpResponse withHeaders(Map<String, String> extra) {
    Map<String, String> merged = new LinkedHashMap<>(headers);
    merged.putAll(extra);
    return new HttpResponse(status, merged, body);
  }
}
