package com.commercive.support.api;

import com.commercive.support.domain.FieldError;
import com.commercive.support.wire.Json;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** RFC 9457 problem documents, the body of every error response. */
final class Problems {
  static final String CONTENT_TYPE = "application/problem+json";
  private static final String TYPE_PREFIX = "https://commercive.com/problems/support/";

  private Problems() {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Problem(
      String type,
      String title,
      int status,
      String detail,
      String requestId,
      List<FieldError> errors) {}

  static HttpResponse problem(int status, String slug, String detail, String requestId) {
    return problem(status, slug, detail, requestId, null, Map.of());
  }

  static HttpResponse problem(
      int status,
      String slug,
      String detail,
      String requestId,
      List<FieldError> errors,
      Map<String, String> extraHeaders) {
    Problem problem =
        new Problem(TYPE_PREFIX + slug, title(status), status, detail, requestId, errors);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", CONTENT_TYPE);
    headers.putAll(extraHeaders);
    return new HttpResponse(status, headers, Json.write(problem));
  }

  static String title(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 409 -> "Conflict";
      case 412 -> "Precondition Failed";
      case 413 -> "Content Too Large";
      case 415 -> "Unsupported Media Type";
      case 422 -> "Unprocessable Content";
      case 429 -> "Too Many Requests";
      case 500 -> "Internal Server Error";
      default -> "Error";
    };
  }
}
