package com.commercive.support.api;

import com.commercive.support.api.Representations.HealthJson;
import com.commercive.support.api.Router.Route;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** What anyone may read without a token: the health check and the API's OpenAPI document. */
final class ServiceRoutes implements Router.Resource {
  private volatile String openApiDocument;

  @Override
  public List<Route> routes() {
    return List.of(
        Route.open("/health", request -> HttpResponse.json(200, new HealthJson("ok"))),
        Route.open("/openapi.json",
            request -> new HttpResponse(200, Map.of("Content-Type", HttpResponse.JSON_TYPE), openApiDocument())));
  }

  /** The document shipped in this module's resources, read once. */
  private String openApiDocument() {
    String loaded = openApiDocument;
    if (loaded == null) {
      try (InputStream in = ServiceRoutes.class.getResourceAsStream("/openapi.json")) {
        if (in == null) {
          throw new IllegalStateException("openapi.json is missing from the classpath");
        }
        loaded = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      openApiDocument = loaded;
    }
    return loaded;
  }
}
