package com.commercive.support.inbound;

import java.util.ArrayList;
import java.util.List;

/**
 * Plain text sent as {@code format=flowed} (RFC 3676, Thunderbird and others) back to what was
 * typed: a line ending in a space continues on the next line of the same quote depth; a leading
 * space added to protect a line ("space-stuffing") is removed; the signature mark {@code -- } never
 * joins.
 */
final class Flowed {
  private Flowed() {}

  static String unwrap(String text, boolean deleteSpace) {
    List<String> out = new ArrayList<>();
    StringBuilder paragraph = null;
    int paragraphDepth = 0;
    for (String raw : text.replace("\r\n", "\n").split("\n", -1)) {
      int depth = 0;
      while (depth < raw.length() && raw.charAt(depth) == '>') {
        depth++;
      }
      String line = raw.substring(depth);
      if (line.startsWith(" ")) {
        line = line.substring(1); // space-stuffed
      }
      boolean signature = line.equals("-- ");
      boolean soft = !signature && line.endsWith(" ");
      if (paragraph != null && depth != paragraphDepth) {
        out.add(paragraph.toString());
        paragraph = null;
      }
      String content = soft && deleteSpace ? line.substring(0, line.length() - 1) : line;
      if (paragraph == null) {
        paragraph = new StringBuilder(">".repeat(depth)).append(depth > 0 ? " " : "").append(content);
        paragraphDepth = depth;
      } else {
        paragraph.append(content);
      }
      if (!soft) {
        out.add(paragraph.toString());
        paragraph = null;
      }
    }
    if (paragraph != null) {
      out.add(paragraph.toString());
    }
    return String.join("\n", out);
  }
}
