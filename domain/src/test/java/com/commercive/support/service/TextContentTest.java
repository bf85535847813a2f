package com.commercive.support.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.commercive.support.service.TextContent.Finding;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TextContentTest {

  static Optional<Finding> scan(String text, Charset charset) throws IOException {
    return TextContent.scan(new ByteArrayInputStream(text.getBytes(charset)));
  }

  static Optional<Finding> scan(String text) throws IOException {
    return scan(text, StandardCharsets.UTF_8);
  }

  static String lines(int bytes) {
    return "order 1001 shipped late, the customer wrote twice; café, naïve, 10 € — all fine\n"
        .repeat(bytes / 80 + 1);
  }

  @Test
  void textIsText() throws IOException {
    assertThat(scan(lines(200_000))).isEmpty();
    assertThat(scan("")).isEmpty();
    assertThat(scan("a < b and c > d; x<y\tz\r\n\f")).isEmpty();
    assertThat(scan("if stock <5 and the price> 10 then reorder\n")).isEmpty();
  }

  @Test
  void aStoreExportsFormattingMarkupIsText() throws IOException {
    String shopifyProducts = "Handle,Title,Body (HTML)\n"
        + "tee,T-shirt,\"<p><strong>Soft</strong> cotton.</p><img src=\"\"https://cdn.example/tee.png\"\" alt=\"\"tee\"\">"
        + "<a href=\"\"https://shop.example/size\"\">sizes</a><br><ul><li>S</li></ul><style>p{color:red}</style>\"\n";
    assertThat(scan(shopifyProducts)).isEmpty();
    assertThat(scan("the <metadata> field, the <scripts> folder, onload = later\n")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "<html><script>alert(1)</script></html>",
      "<SCRIPT src=//evil.example/x.js></SCRIPT>",
      "< script>alert(1)</script>",
      "<!DOCTYPE html><p>hi",
      "<?xml version=\"1.0\"?><x/>",
      "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>",
      "<iframe src=\"https://evil.example\"></iframe>",
      "<object data=\"x.swf\"></object>",
      "<embed src=x>",
      "<body onload=alert(1)>",
      "<img src=x onerror=alert(1)>",
      "<img src=\"x\"\nONERROR = \"alert(1)\">",
      "<a href=\"javascript:alert(1)\">click</a>",
      "<a href= ' JavaScript:alert(1)'>click</a>",
      "<a href=\"data:text/html;base64,PHNjcmlwdD4=\">x</a>",
      "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">",
      "<base href=\"https://evil.example/\">",
      "<form action=\"https://evil.example\"><input></form>",
      "<xsl:stylesheet version=\"1.0\">"})
  void markupThatRendersOrRunsIsFound(String markup) throws IOException {
    assertThat(scan("a line of text\n" + markup + "\n")).contains(Finding.MARKUP);
  }

  @Test
  void markupAfterTheHeadAndAcrossChunkBoundariesIsFound() throws IOException {
    // What was seen: text for the first 8 KiB a detector reads, then a page with a script.
    assertThat(scan(lines(8 * 1024) + "<html><script>alert(document.cookie)</script></html>")).contains(Finding.MARKUP);
    for (int shift = 0; shift < 12; shift++) {
      String padding = "x".repeat(64 * 1024 - 6 + shift);
      assertThat(scan(padding + "<script>alert(1)</script>")).as("shift %d", shift).contains(Finding.MARKUP);
      assertThat(scan(padding + "<img src=x onerror=alert(1)>")).as("shift %d", shift).contains(Finding.MARKUP);
    }
  }

  @Test
  void binaryBytesAfterTheHeadAreFound() throws IOException {
    byte[] text = lines(20_000).getBytes(StandardCharsets.UTF_8);
    byte[] withBinary = java.util.Arrays.copyOf(text, text.length + 4);
    withBinary[text.length + 1] = 0;
    withBinary[text.length + 2] = 0x07;
    assertThat(TextContent.scan(new ByteArrayInputStream(withBinary))).contains(Finding.BINARY);
    assertThat(scan("ok\u0000")).contains(Finding.BINARY);
  }

  @Test
  void utf16TextWithItsByteOrderMarkIsReadAsUtf16() throws IOException {
    assertThat(scan("\uFEFForder,qty\n1001,2\n", StandardCharsets.UTF_16LE)).isEmpty();
    assertThat(scan("\uFEFForder,qty\n1001,2\n", StandardCharsets.UTF_16BE)).isEmpty();
    assertThat(scan("\uFEFForder\n<script>alert(1)</script>", StandardCharsets.UTF_16LE)).contains(Finding.MARKUP);
    // Without a byte-order mark, UTF-16's zero bytes are not text.
    assertThat(scan("order,qty\n", StandardCharsets.UTF_16LE)).contains(Finding.BINARY);
  }
}
