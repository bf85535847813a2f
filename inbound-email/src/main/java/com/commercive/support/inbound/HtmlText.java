package com.commercive.support.inbound;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * An HTML mail body as the text a person sees: blocks and line breaks as lines, a quoted block
 * ({@code blockquote}) as {@code >} lines, a horizontal rule as Outlook's rule of underscores, a
 * link as its visible text; nothing of styles or scripts. The quoted history is then removed from
 * the text like from any plain-text reply.
 */
public final class HtmlText {
  private HtmlText() {}

  public static String toText(String html) {
    Document document = Jsoup.parse(html);
    document.select("head, style, script, title, meta, template").remove();
    StringBuilder out = new StringBuilder();
    walk(document.body() == null ? document : document.body(), out, 0);
    return out.toString().replace('\u00a0', ' ');
  }

  private static void walk(Node node, StringBuilder out, int quoteDepth) {
    for (Node child : node.childNodes()) {
      if (child instanceof TextNode text) {
        String words = text.text().replaceAll("\\s+", " ");
        if (!words.isBlank() || (!atLineStart(out) && !words.isEmpty())) {
          if (atLineStart(out)) {
            out.append("> ".repeat(quoteDepth));
            words = words.stripLeading();
          }
          out.append(words);
        }
      } else if (child instanceof Element element) {
        String tag = element.normalName();
        switch (tag) {
          case "br" -> newLine(out, quoteDepth, true);
          case "hr" -> {
            newLine(out, quoteDepth, false);
            out.append("> ".repeat(quoteDepth)).append("________________________________");
            newLine(out, quoteDepth, false);
          }
          case "blockquote" -> {
            newLine(out, quoteDepth, false);
            walk(element, out, quoteDepth + 1);
            newLine(out, quoteDepth + 1, false);
          }
          case "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "table", "ul", "ol", "section",
              "article", "header", "footer" -> {
            newLine(out, quoteDepth, false);
            walk(element, out, quoteDepth);
            newLine(out, quoteDepth, false);
            if (tag.equals("p")) {
              blankLine(out, quoteDepth);
            }
          }
          case "td", "th" -> {
            walk(element, out, quoteDepth);
            if (!atLineStart(out)) {
              out.append(' ');
            }
          }
          default -> walk(element, out, quoteDepth);
        }
      }
    }
  }

  private static boolean atLineStart(StringBuilder out) {
    return out.isEmpty() || out.charAt(out.length() - 1) == '\n';
  }

  /** Ends the current line; {@code always}: also an empty one (a {@code <br>} on its own is a blank line). */
  private static void newLine(StringBuilder out, int quoteDepth, boolean always) {
    if (always || !atLineStart(out)) {
      if (always && atLineStart(out) && quoteDepth > 0) {
        out.append(">".repeat(quoteDepth));
      }
      trimTrailingSpaces(out);
      out.append('\n');
    }
  }

  /** A paragraph's end: one blank line, never two. */
  private static void blankLine(StringBuilder out, int quoteDepth) {
    int n = out.length();
    if (n >= 2 && out.charAt(n - 1) == '\n' && out.charAt(n - 2) != '\n') {
      if (quoteDepth > 0) {
        out.append(">".repeat(quoteDepth));
      }
      out.append('\n');
    }
  }

  private static void trimTrailingSpaces(StringBuilder out) {
    int end = out.length();
    while (end > 0 && out.charAt(end - 1) == ' ') {
      end--;
    }
    out.setLength(end);
  }
}
