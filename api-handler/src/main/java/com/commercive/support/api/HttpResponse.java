package com.commercive.support.api;

import java.util.LinkedHashMap;
import java.util.Map;

/** An HTTP response: status, headers and a UTF-8 text body (empty for 204). */
public record HttpResponse(int status, Map<String, String> headers, String body) {
  public HttpResponse {
    headers = new LinkedHashMap<>(headers);
  }

  public HttpResponse withHeaders(Map<String, String> extra) {
    Map<String, String> merged = new LinkedHashMap<>(headers);
    merged.putAll(extra);
    return new HttpResponse(status, merged, body);
  }
}
