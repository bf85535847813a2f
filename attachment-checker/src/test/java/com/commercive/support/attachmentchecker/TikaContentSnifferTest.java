package com.commercive.support.attachmentchecker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the detector makes of real files of every accepted type, and of impostors. */
class TikaContentSnifferTest {
  final TikaContentSniffer sniffer = new TikaContentSniffer();

  @Test
  void tellsEachAcceptedTypeByItsBytes() {
    assertThat(sniffer.detect(SampleFiles.png())).isEqualTo("image/png");
    assertThat(sniffer.detect(SampleFiles.image("jpg"))).isEqualTo("image/jpeg");
    assertThat(sniffer.detect(SampleFiles.image("gif"))).isEqualTo("image/gif");
    assertThat(sniffer.detect(SampleFiles.webp())).isEqualTo("image/webp");
    assertThat(sniffer.detect(SampleFiles.pdf())).isEqualTo("application/pdf");
    assertThat(sniffer.detect(SampleFiles.text())).isEqualTo("text/plain");
    assertThat(sniffer.detect(SampleFiles.csv())).isEqualTo("text/plain");
  }

  @Test
  void impostorsAreWhatTheirBytesSayNotText() {
    assertThat(sniffer.detect(SampleFiles.html())).isEqualTo("text/html");
    assertThat(sniffer.detect(SampleFiles.exe())).isNotIn("text/plain", "image/png", "application/pdf");
    assertThat(sniffer.detect(new byte[] {0, 1, 2, 3, (byte) 0xff, (byte) 0xfe, 0, 0}))
        .isEqualTo("application/octet-stream");
  }
}
