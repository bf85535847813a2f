package com.commercive.support.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.commercive.support.logging.InvocationLogContext;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Translates API Gateway HTTP API / Function URL events (payload 2.0) to and from HTTP. */
public final class ApiGatewayEvents {
  private ApiGatewayEvents() {}

  public static HttpRequest toRequest(APIGatewayV2HTTPEvent event, String fallbackRequestId) {
    var context = event.getRequestContext();
    String method =
        context != null && context.getHttp() != null && context.getHttp().getMethod() != null
            ? context.getHttp().getMethod().toUpperCase(Locale.ROOT)
            : "GET";
    String requestId =
        context != null && context.getRequestId() != null ? context.getRequestId() : fallbackRequestId;
    String path = event.getRawPath() == null ? "/" : event.getRawPath();
    // A named API Gateway stage prefixes the raw path; routes are matched without it.
    String stage = context == null ? null : context.getStage();
    if (stage != null && !stage.equals("$default") && path.startsWith("/" + stage + "/")) {
      path = path.substring(stage.length() + 1);
    }
    Map<String, String> headers = new HashMap<>();
    if (event.getHeaders() != null) {
      event.getHeaders().forEach((name, value) -> headers.put(name.toLowerCase(Locale.ROOT), value));
    }
    byte[] body = null;
    if (event.getBody() != null) {
      body =
          event.getIsBase64Encoded()
              ? decodeBase64(event.getBody())
              : event.getBody().getBytes(StandardCharsets.UTF_8);
    }
    return new HttpRequest(
        method, path, headers, event.getRawQueryString(), body, requestId);
  }

  /**
   * What an HTTP API function does with an invocation: the event as a request for {@code api},
   * its response as the event Lambda returns, the request's metrics flushed, and every log line
   * meanwhile keyed with the invocation.
   */
  public static APIGatewayV2HTTPResponse serve(HttpApi api, ApiMetrics metrics, APIGatewayV2HTTPEvent event,
      Context context) {
    return InvocationLogContext.around(context, () -> {
      try {
        return toEvent(api.handle(toRequest(event, context.getAwsRequestId())));
      } finally {
        metrics.flush();
      }
    });
  }

  public static APIGatewayV2HTTPResponse toEvent(HttpResponse response) {
    return APIGatewayV2HTTPResponse.builder()
        .withStatusCode(response.status())
        .withHeaders(response.headers())
        .withBody(response.body())
        .withIsBase64Encoded(false)
        .build();
  }

  private static byte[] decodeBase64(String body) {
    try {
      return Base64.getDecoder().decode(body);
    } catch (IllegalArgumentException notBase64) {
      // API Gateway never sends this; treat as the raw text so validation reports it.
      return body.getBytes(StandardCharsets.UTF_8);
    }
  }
}
