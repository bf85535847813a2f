package com.commercive.support.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Generated bad input on every route: whatever arrives gets a 2xx or a clear 4xx problem document,
 * never a 5xx, and a refused request stores nothing.
 */
class BadInputPropertiesTest extends ApiTestSupport {
  static final int EXAMPLES = 300;
  static final AtomicInteger tried = new AtomicInteger();
  static final String USER = token("user-1", false);
  static final String ADMIN = token("admin-1", true);
  static String ticketId;
  static BadInputPropertiesTest shared;

  @BeforeAll
  static void openATicket() {
    shared = new BadInputPropertiesTest();
    APIGatewayV2HTTPResponse created = shared.send("POST", "/support/tickets", USER,
        "{\"subject\":\"A ticket to post to\",\"message\":\"first\"}");
    ticketId = json(created).at("/ticket/ticket_id").asText();
  }

  @AfterAll
  static void report() {
    System.out.printf("bad input: %d generated requests, no 5xx%n", tried.get());
  }

  /** Text that includes control characters, lone surrogates and every plane, JSON-escaped. */
  static Gen<String> jsonString() {
    Gen<String> special = Generate.pick(List.of("\\u0000", "\\ud800", "\\udfff", "\\r\\nBcc: x@y.z", "\\u2028",
        "<script>alert(1)</script>", "' OR 1=1 --", "\\\"", "\\\\", "😀", "a".repeat(12_000)));
    Gen<String> random = strings().allPossible().ofLengthBetween(0, 40).map(BadInputPropertiesTest::escape);
    return Generate.oneOf(random, special).map(s -> "\"" + s + "\"");
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder();
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || Character.isSurrogate(c)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Any JSON value: scalars of every type and range, arrays and objects a few levels deep. */
  static Gen<String> jsonValue(int depth) {
    Gen<String> scalars = Generate.oneOf(
        jsonString(),
        integers().all().map(Object::toString),
        Generate.pick(List.of("true", "false", "null", "0", "-0", "1e400", "-1e-400", "3.14",
            "99999999999999999999999999999", "1.5e308")));
    if (depth <= 0) {
      return scalars;
    }
    Gen<String> array = lists().of(jsonValue(depth - 1)).ofSizeBetween(0, 3).map(l -> "[" + String.join(",", l) + "]");
    Gen<String> object = lists().of(jsonValue(depth - 1)).ofSizeBetween(0, 2)
        .map(l -> {
          StringBuilder o = new StringBuilder("{");
          for (int i = 0; i < l.size(); i++) {
            o.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(l.get(i));
          }
          return o.append('}').toString();
        });
    return Generate.oneOf(scalars, scalars, array, object);
  }

  /** An object using the routes' field names (and some others) with arbitrary values. */
  static Gen<String> body() {
    Gen<String> name = Generate.pick(List.of("subject", "priority", "message", "attachment_url", "close_ticket",
        "ticket_id", "add_to_ticket", "status", "user_id", "message_count", "__proto__", ""));
    Gen<String> field = name.zip(jsonValue(2), (n, v) -> "\"" + n + "\":" + v);
    return lists().of(field).ofSizeBetween(0, 5).map(fields -> "{" + String.join(",", fields) + "}");
  }

  void assertClear(APIGatewayV2HTTPResponse response, String input) {
    tried.incrementAndGet();
    int status = response.getStatusCode();
    assertThat(status).as("status for %s", input.length() > 200 ? input.substring(0, 200) + "…" : input)
        .isBetween(200, 499);
    if (status >= 400) {
      assertThat(header(response, "Content-Type")).isEqualTo("application/problem+json");
      assertThat(json(response).get("status").asInt()).isEqualTo(status);
    }
  }

  @Test
  void anyBodyOnAnyCreatingRoute() {
    List<String> paths = List.of("/support/tickets", "/support/tickets/" + ticketId + "/messages", "/support/ai-response");
    qt().withExamples(EXAMPLES).forAll(Generate.pick(paths), body(), Generate.pick(List.of(USER, ADMIN)))
        .checkAssert((path, body, token) -> {
          int before = shared.repository.allMessages().size();
          APIGatewayV2HTTPResponse response = shared.send("POST", path, token, body);
          assertClear(response, path + " " + body);
          if (response.getStatusCode() >= 400) {
            assertThat(shared.repository.allMessages()).as("nothing stored for a refused request").hasSize(before);
          }
        });
  }

  @Test
  void anyJsonValueAsTheWholeBody() {
    qt().withExamples(EXAMPLES).forAll(jsonValue(3)).checkAssert(value ->
        assertClear(shared.send("POST", "/support/tickets", USER, value), value));
  }

  @Test
  void anyBytesAsTheBody() {
    qt().withExamples(EXAMPLES).forAll(lists().of(integers().between(0, 255)).ofSizeBetween(0, 200))
        .checkAssert(bytes -> {
          byte[] raw = new byte[bytes.size()];
          for (int i = 0; i < raw.length; i++) {
            raw[i] = (byte) (int) bytes.get(i);
          }
          APIGatewayV2HTTPEvent event = event("POST", "/support/tickets/" + ticketId + "/messages", USER, null);
          event.setBody(Base64.getEncoder().encodeToString(raw));
          event.setIsBase64Encoded(true);
          assertClear(shared.send(event), "bytes " + bytes);
        });
  }

  @Test
  void anyPathUnderSupport() {
    Gen<String> segment = Generate.oneOf(
        strings().allPossible().ofLengthBetween(0, 20).map(BadInputPropertiesTest::percentEncodeSome),
        Generate.pick(List.of("..", "%2F", "%2e%2e", "tickets", "admin", "messages", "%00", "a/b", "//", "%ZZ", ticketId)));
    qt().withExamples(EXAMPLES).forAll(lists().of(segment).ofSizeBetween(0, 4),
            Generate.pick(List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "TRACE")))
        .checkAssert((segments, method) -> {
          String path = "/support/" + String.join("/", segments);
          assertClear(shared.send(method, path, USER, method.equals("POST") ? "{}" : null), method + " " + path);
        });
  }

  @Test
  void anyQueryString() {
    Gen<String> name = Generate.pick(List.of("status", "limit", "cursor", "x", "", "status[]", "%73tatus"));
    Gen<String> value = Generate.oneOf(
        strings().allPossible().ofLengthBetween(0, 12).map(BadInputPropertiesTest::percentEncodeSome),
        Generate.pick(List.of("open", "closed", "0", "101", "-1", "20", "%", "%zz", "a+b", "", "1e3")));
    Gen<String> pair = name.zip(value, (n, v) -> n + "=" + v);
    qt().withExamples(EXAMPLES).forAll(lists().of(pair).ofSizeBetween(0, 5),
            Generate.pick(List.of("/support/tickets", "/support/admin/tickets", "/support/tickets/" + ticketId + "/messages")))
        .checkAssert((pairs, path) -> {
          String query = String.join("&", pairs);
          assertClear(shared.send("GET", path + "?" + query, ADMIN, null), path + "?" + query);
        });
  }

  static String percentEncodeSome(String text) {
    StringBuilder out = new StringBuilder();
    for (char c : text.toCharArray()) {
      if (c == '/' || c == '?' || c == '#' || c == '&' || c == '%' || c == '=' || c < 0x20 || c > 0x7e) {
        for (byte b : String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
          out.append(String.format("%%%02X", b & 0xff));
        }
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  @Test
  void hugeAndDeepBodies() {
    for (String body : List.of(
        "[".repeat(100_000), "{\"subject\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}",
        "{\"subject\":\"" + "x".repeat(70_000) + "\"}", "{\"subject\":1e999999}", "",
        "{\"subject\":\"Valid subject\",\"message\":" + "{\"a\":".repeat(40) + "1" + "}".repeat(40) + "}")) {
      assertClear(shared.send("POST", "/support/tickets", USER, body), "huge " + body.length());
    }
  }
}
