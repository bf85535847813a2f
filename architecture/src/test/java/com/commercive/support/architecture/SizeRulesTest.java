package com.commercive.support.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The sizes docs/architecture.md promises a reader: no main class over 400 lines, and every
 * Lambda handler a thin door under 80 (what one event does lives in the classes it calls).
 */
class SizeRulesTest {
  static final int MAX_CLASS_LINES = 400;
  static final int MAX_HANDLER_LINES = 80;

  static List<Path> mainSources() throws IOException {
    Path root = Path.of("").toAbsolutePath().getParent();
    List<Path> sources = new ArrayList<>();
    try (Stream<Path> modules = Files.list(root)) {
      for (Path module : modules.filter(m -> Files.isDirectory(m.resolve("src/main/java"))).toList()) {
        try (Stream<Path> files = Files.walk(module.resolve("src/main/java"))) {
          files.filter(f -> f.toString().endsWith(".java")).forEach(sources::add);
        }
      }
    }
    return sources;
  }

  static int lines(Path file) throws IOException {
    return Files.readAllLines(file).size();
  }

  @Test
  void noMainClassIsOverFourHundredLines() throws IOException {
    List<String> tooLong = new ArrayList<>();
    for (Path source : mainSources()) {
      if (lines(source) > MAX_CLASS_LINES) {
        tooLong.add(source + " (" + lines(source) + " lines)");
      }
    }
    assertThat(mainSources()).hasSizeGreaterThan(100);
    assertThat(tooLong).as("main classes over %d lines", MAX_CLASS_LINES).isEmpty();
  }

  @Test
  void everyLambdaHandlerIsUnderEightyLines() throws IOException {
    List<String> handlers = new ArrayList<>();
    List<String> tooLong = new ArrayList<>();
    for (Path source : mainSources()) {
      String text = Files.readString(source);
      if (text.contains("implements RequestHandler<") || text.matches("(?s).*\\n\\s+implements RequestHandler<.*")) {
        handlers.add(source.getFileName().toString());
        if (lines(source) >= MAX_HANDLER_LINES) {
          tooLong.add(source + " (" + lines(source) + " lines)");
        }
      }
    }
    assertThat(handlers).contains("ApiHandler.java", "NotifierHandler.java", "StreamProcessorHandler.java");
    assertThat(tooLong).as("handlers of %d lines or more", MAX_HANDLER_LINES).isEmpty();
  }
}
