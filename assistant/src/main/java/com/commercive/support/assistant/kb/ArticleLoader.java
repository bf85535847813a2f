package com.commercive.support.assistant.kb;

import com.commercive.support.assistant.Topic;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the help articles shipped on the classpath: Markdown files with a front matter block
 * ({@code id}, {@code title}, {@code topic}, {@code tags}), listed in {@code articles.txt}.
 */
public final class ArticleLoader {
  public static final String FOLDER = "/knowledge-base/";
  /** A section's questions in merchants' words: {@code <!-- asks: one | two -->}. */
  private static final java.util.regex.Pattern ASKS =
      java.util.regex.Pattern.compile("<!--\\s*asks:(.*?)-->");

  private ArticleLoader() {}

  public static List<Article> loadAll() {
    List<Article> articles = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (String line : read(FOLDER + "articles.txt").split("\n")) {
      String name = line.strip();
      if (name.isEmpty() || name.startsWith("#")) {
        continue;
      }
      Article article = parse(name, read(FOLDER + name));
      if (!ids.add(article.id())) {
        throw new IllegalStateException("two articles have the id " + article.id());
      }
      articles.add(article);
    }
    return articles;
  }

  /**
   * The requests about running a store that no article answers ({@code not-covered.txt}, one per
   * line, {@code #} comments), in file order.
   */
  public static List<String> loadNotCovered() {
    List<String> requests = new java.util.ArrayList<>();
    for (String line : read(FOLDER + "not-covered.txt").split("\n")) {
      String request = line.strip();
      if (!request.isEmpty() && !request.startsWith("#")) {
        requests.add(request);
      }
    }
    return List.copyOf(requests);
  }

  static Article parse(String name, String markdown) {
    String text = markdown.replace("\r\n", "\n");
    if (!text.startsWith("---\n")) {
      throw new IllegalStateException(name + " has no front matter");
    }
    int end = text.indexOf("\n---\n", 4);
    if (end < 0) {
      throw new IllegalStateException(name + " has an unterminated front matter");
    }
    Map<String, String> meta = new LinkedHashMap<>();
    for (String line : text.substring(4, end).split("\n")) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        meta.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
      }
    }
    String id = require(name, meta, "id");
    String title = require(name, meta, "title");
    Topic topic =
        Topic.fromWire(require(name, meta, "topic"))
            .filter(t -> t != Topic.GENERAL)
            .orElseThrow(() -> new IllegalStateException(name + " has an unknown topic"));

    List<Article.Section> sections = new ArrayList<>();
    String heading = title;
    StringBuilder body = new StringBuilder();
    List<String> asks = new ArrayList<>();
    for (String line : text.substring(end + 5).split("\n")) {
      java.util.regex.Matcher asked = ASKS.matcher(line.strip());
      if (line.startsWith("## ")) {
        addSection(sections, heading, body, asks);
        heading = line.substring(3).strip();
        body.setLength(0);
        asks.clear();
      } else if (asked.matches()) {
        for (String question : asked.group(1).split("\\|")) {
          if (!question.isBlank()) {
            asks.add(question.strip());
          }
        }
      } else {
        body.append(line).append('\n');
      }
    }
    addSection(sections, heading, body, asks);
    if (sections.isEmpty()) {
      throw new IllegalStateException(name + " has no text");
    }
    return new Article(id, title, topic, meta.getOrDefault("tags", ""), sections);
  }

  private static void addSection(
      List<Article.Section> sections, String heading, StringBuilder body, List<String> asks) {
    String text = body.toString().strip();
    if (!text.isEmpty()) {
      sections.add(new Article.Section(heading, text, asks));
    }
  }

  private static String require(String name, Map<String, String> meta, String key) {
    String value = meta.get(key);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(name + " has no " + key);
    }
    return value;
  }

  private static String read(String resource) {
    try (InputStream in = ArticleLoader.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
