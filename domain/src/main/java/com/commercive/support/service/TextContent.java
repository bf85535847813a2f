package com.commercive.support.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a whole text file for what would make it more than text: markup a browser would render or
 * run (a document, a script, an embedded object, an event handler or a script URL in a tag), or
 * binary bytes. A type detector reads only a file's head; this reads the rest, so text followed by
 * {@code <html><script>} is not text.
 *
 * <p>Formatting tags as merchants' exports carry them (a Shopify product CSV's {@code Body (HTML)}
 * column: {@code <p>}, {@code <strong>}, {@code <img src="https://…">}) are text, not a finding.
 */
public final class TextContent {

  /** What a text file held that text does not. */
  public enum Finding {
    /** A tag that makes a document or runs something, or an event handler or script URL in a tag. */
    MARKUP,
    /** Bytes no text has (NUL and the other control characters but tab, line and page breaks). */
    BINARY
  }

  private static final int CHUNK = 64 * 1024;
  /** How much of the previous chunk is read again with the next, so a tag split between them is seen whole. */
  private static final int OVERLAP = 2 * 1024;

  private static final Pattern ACTIVE = Pattern.compile(
      // A tag that starts a document or embeds or runs something...
      "<\\s*/?\\s*(?:script|html|head|body|iframe|frame|frameset|object|embed|applet|svg|math|base|meta|link|form"
          + "|xsl:[a-z]+)(?=[\\s/>])"
          + "|<\\s*(?:!doctype|\\?xml)"
          // ...or, inside any tag, an event handler or a URL that runs script.
          + "|<[a-z][^<>]{0,1024}?[\\s/\"'](?:on[a-z]+\\s*=|(?:href|src|action|formaction|data)\\s*=\\s*[\"']?\\s*"
          + "(?:javascript|vbscript|data\\s*:\\s*text/html))",
      Pattern.CASE_INSENSITIVE);

  private TextContent() {}

  /** What {@code in} (read to its end, not closed) holds that text does not; empty when it is text. */
  public static Optional<Finding> scan(InputStream in) throws IOException {
    PushbackInputStream bytes = new PushbackInputStream(in, 2);
    Reader reader = new InputStreamReader(bytes, charsetOf(bytes));
    char[] buffer = new char[CHUNK];
    StringBuilder window = new StringBuilder(CHUNK + OVERLAP);
    int read;
    while ((read = reader.read(buffer)) != -1) {
      for (int i = 0; i < read; i++) {
        if (isBinary(buffer[i])) {
          return Optional.of(Finding.BINARY);
        }
      }
      window.append(buffer, 0, read);
      Matcher active = ACTIVE.matcher(window);
      if (active.find()) {
        return Optional.of(Finding.MARKUP);
      }
      if (window.length() > OVERLAP) {
        window.delete(0, window.length() - OVERLAP);
      }
    }
    return Optional.empty();
  }

  /**
   * UTF-16 when the file starts with its byte-order mark (Excel's "Unicode text"); otherwise each
   * byte as one character, which keeps ASCII markup visible in UTF-8, Latin-1 or Windows-1252 alike.
   */
  private static Charset charsetOf(PushbackInputStream bytes) throws IOException {
    byte[] mark = new byte[2];
    int read = bytes.readNBytes(mark, 0, 2);
    if (read > 0) {
      bytes.unread(mark, 0, read);
    }
    if (read == 2 && (mark[0] & 0xff) == 0xfe && (mark[1] & 0xff) == 0xff) {
      return StandardCharsets.UTF_16BE;
    }
    if (read == 2 && (mark[0] & 0xff) == 0xff && (mark[1] & 0xff) == 0xfe) {
      return StandardCharsets.UTF_16LE;
    }
    return StandardCharsets.ISO_8859_1;
  }

  /** C0 controls but tab, line feed, vertical tab, form feed, carriage return, and DOS's end-of-file mark. */
  private static boolean isBinary(char c) {
    return c < 0x20 && c != '\t' && c != '\n' && c != 0x0b && c != '\f' && c != '\r' && c != 0x1a;
  }
}
