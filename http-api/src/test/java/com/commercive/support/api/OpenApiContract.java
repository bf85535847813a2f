package com.commercive.support.api;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI document as a check on real responses: the route and method exist (or the response
 * is the documented 404 / 405 / preflight), the status is documented for the operation, the
 * content type is one it declares, the body validates against its JSON Schema (2020-12, as OpenAPI
 * 3.1 uses), and every contract header sent (Location, Retry-After, Idempotent-Replayed, Allow,
 * Accept-Post, WWW-Authenticate) is declared for that response. Handler and end-to-end tests run
 * every response through it, so a response that drifts from the document fails the build.
 */
public final class OpenApiContract {
  /** Headers whose presence the document describes per response (CORS and caching are global). */
  static final Set<String> CONTRACT_HEADERS =
      Set.of("location", "etag", "retry-after", "idempotent-replayed", "allow", "accept-post", "www-authenticate");
  private static final String DOCUMENT_IRI = "https://commercive.com/support/openapi.json";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static OpenApiContract shared;

  private final JsonNode document;
  private final SchemaRegistry schemas;
  private final Map<String, Pattern> templates = new TreeMap<>();

  private OpenApiContract(String text) {
    this.document = JSON.readTree(text);
    this.schemas = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
        builder -> builder.schemas(Map.of(DOCUMENT_IRI, text)));
    document.get("paths").propertyNames().forEach(path -> templates.put(path,
        Pattern.compile(Pattern.quote(path).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q"))));
  }

  /** The document shipped in the API's resources, read once. */
  public static synchronized OpenApiContract load() {
    if (shared == null) {
      try (InputStream in = OpenApiContract.class.getResourceAsStream("/openapi.json")) {
        shared = new OpenApiContract(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return shared;
  }

  /**
   * Checks one exchange.
   *
   * @param headers the response's headers (any case)
   * @throws AssertionError naming every way the response differs from the document
   */
  public void check(String method, String pathAndQuery, int status, Map<String, String> headers, String body) {
    List<String> problems = problems(method, pathAndQuery, status, headers, body);
    if (!problems.isEmpty()) {
      throw new AssertionError(method + " " + pathAndQuery + " -> " + status + " differs from openapi.json: "
          + String.join("; ", problems) + "\n" + body);
    }
  }

  /**
   * Checks a problem document that no operation declares for its status: what the HTTP server in
   * front of the handler writes itself (a request that never finished, headers too large).
   */
  public void checkProblem(int status, Map<String, String> headers, String body) {
    Map<String, String> lower = new TreeMap<>();
    headers.forEach((name, value) -> lower.put(name.toLowerCase(Locale.ROOT), value));
    List<String> problems = validateBody(new ArrayList<>(), "/components/schemas/Problem", lower, body,
        "application/problem+json");
    if (!problems.isEmpty()) {
      throw new AssertionError(status + " differs from openapi.json's Problem: " + String.join("; ", problems)
          + "\n" + body);
    }
  }

  List<String> problems(String method, String pathAndQuery, int status, Map<String, String> headers, String body) {
    String asSent = pathAndQuery.split("\\?", 2)[0];
    // The API serves a path with one trailing slash as the path without it (HttpApi), so does this.
    String path = asSent.length() > 1 && asSent.endsWith("/") ? asSent.substring(0, asSent.length() - 1) : asSent;
    Map<String, String> lower = new TreeMap<>();
    headers.forEach((name, value) -> lower.put(name.toLowerCase(Locale.ROOT), value));
    String verb = method.toLowerCase(Locale.ROOT);
    List<String> problems = new ArrayList<>();
    if (verb.equals("options")) {
      if (status != 204 && !(status == 404 && !path.startsWith("/support"))) {
        problems.add("a preflight on /support answers 204");
      }
      return problems;
    }
    String template = templates.entrySet().stream().filter(e -> e.getValue().matcher(path).matches())
        .map(Map.Entry::getKey).findFirst().orElse(null);
    JsonNode operation = template == null ? null : document.get("paths").get(template).get(verb);
    String pointer;
    if (operation == null || operation.isNull()) {
      // Unknown routes are 404 and known paths with another method 405: problem documents.
      if (status != 404 && status != 405) {
        problems.add("no operation " + verb + " " + path);
        return problems;
      }
      if (status == 405 && !lower.containsKey("allow")) {
        problems.add("a 405 names the allowed methods in Allow");
      }
      pointer = "/components/schemas/Problem";
      return validateBody(problems, pointer, lower, body, "application/problem+json");
    }
    String base = "/paths/" + escape(template) + "/" + verb + "/responses/";
    JsonNode response = operation.get("responses").get(Integer.toString(status));
    if (response == null) {
      problems.add("status " + status + " is not documented for " + verb + " " + template);
      return problems;
    }
    String responsePointer = base + status;
    if (response.has("$ref")) {
      responsePointer = response.get("$ref").asString().substring(1);
      response = document.at(responsePointer);
    }
    for (String name : lower.keySet()) {
      if (CONTRACT_HEADERS.contains(name) && !declares(response, name)) {
        problems.add("header " + name + " is not declared for " + status);
      }
    }
    JsonNode content = response.get("content");
    if (content == null || content.isEmpty()) {
      if (body != null && !body.isEmpty()) {
        problems.add("a body where the document declares none");
      }
      return problems;
    }
    String type = lower.getOrDefault("content-type", "").split(";", 2)[0].strip();
    if (!content.has(type)) {
      problems.add("content type " + type + " is not one of " + content.propertyNames());
      return problems;
    }
    JsonNode schema = content.get(type).get("schema");
    if (schema == null) {
      return problems;
    }
    pointer = responsePointer + "/content/" + escape(type) + "/schema";
    return validateBody(problems, pointer, lower, body, type);
  }

  private List<String> validateBody(List<String> problems, String pointer, Map<String, String> headers, String body,
      String expectedType) {
    String type = headers.getOrDefault("content-type", "").split(";", 2)[0].strip();
    if (!type.equals(expectedType)) {
      problems.add("content type " + type + " where the document says " + expectedType);
      return problems;
    }
    if (!type.endsWith("json")) {
      return problems;
    }
    Schema schema = schemas.getSchema(SchemaLocation.of(DOCUMENT_IRI + "#" + pointer));
    for (Error error : schema.validate(body, com.networknt.schema.InputFormat.JSON)) {
      problems.add(error.toString());
    }
    return problems;
  }

  private static boolean declares(JsonNode response, String header) {
    JsonNode declared = response.get("headers");
    if (declared == null) {
      return false;
    }
    for (String name : declared.propertyNames()) {
      if (name.equalsIgnoreCase(header)) {
        return true;
      }
    }
    return false;
  }

  /** A JSON Pointer token: "/" and "~" escaped. */
  private static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }
}
