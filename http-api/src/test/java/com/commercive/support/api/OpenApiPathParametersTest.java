package com.commercive.support.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every `{name}` in a documented path is a declared path parameter of each of its operations: the
 * console's client typed from the document could not name the ticket of an upload until it was
 * (issue 27), and no generated client can.
 */
class OpenApiPathParametersTest {
  @Test
  void everyTemplatedPathDeclaresItsParameters() throws IOException {
    JsonNode document;
    try (InputStream in = OpenApiPathParametersTest.class.getResourceAsStream("/openapi.json")) {
      document = new ObjectMapper().readTree(in);
    }
    List<String> undeclared = new ArrayList<>();
    document.get("paths").fields().forEachRemaining(path -> {
      Set<String> shared = declared(path.getValue().path("parameters"));
      path.getValue().fields().forEachRemaining(operation -> {
        if (operation.getKey().equals("parameters")) {
          return;
        }
        Set<String> all = new HashSet<>(shared);
        all.addAll(declared(operation.getValue().path("parameters")));
        Matcher names = Pattern.compile("\\{(\\w+)}").matcher(path.getKey());
        while (names.find()) {
          if (!all.contains(names.group(1))) {
            undeclared.add(operation.getKey().toUpperCase() + " " + path.getKey() + ": " + names.group(1));
          }
        }
      });
    });
    assertThat(undeclared).isEmpty();
  }

  private static Set<String> declared(JsonNode parameters) {
    Set<String> names = new HashSet<>();
    parameters.forEach(p -> {
      if ("path".equals(p.path("in").asText())) {
        names.add(p.path("name").asText());
      }
    });
    return names;
  }
}
