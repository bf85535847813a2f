package com.commercive.support.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class DomainTest {
  @Test
  void statusRulesFollowTheContract() {
    for (TicketStatus current : TicketStatus.values()) {
      assertThat(StatusRules.afterMessage(current, SenderType.USER, false)).isEqualTo(TicketStatus.OPEN);
      assertThat(StatusRules.afterMessage(current, SenderType.ADMIN, false)).isEqualTo(TicketStatus.PENDING);
      assertThat(StatusRules.afterMessage(current, SenderType.ADMIN, true)).isEqualTo(TicketStatus.CLOSED);
      assertThat(StatusRules.afterMessage(current, SenderType.AI, false)).isEqualTo(current);
    }
    assertThatThrownBy(() -> StatusRules.afterMessage(TicketStatus.OPEN, SenderType.USER, true))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void previewsAreCutAt120CharactersWithoutSplittingAPair() {
    assertThat(LastMessage.previewOf("  short\n\n text  ")).isEqualTo("short text");
    String exactly = "a".repeat(120);
    assertThat(LastMessage.previewOf(exactly)).isEqualTo(exactly);
    assertThat(LastMessage.previewOf("b".repeat(121))).isEqualTo("b".repeat(120) + "…");
    String emoji = "😀".repeat(130);
    String preview = LastMessage.previewOf(emoji);
    assertThat(preview.codePointCount(0, preview.length())).isEqualTo(121);
    assertThat(preview).endsWith("😀…");
  }

  @Test
  void callersNeverShowPersonalDataWhenPrinted() {
    Caller caller = new Caller("u-1", false, "Dana Merchant", "dana@example.com");
    assertThat(caller.toString()).contains("u-1").doesNotContain("Dana").doesNotContain("dana@");
  }

  /** The domain and service layers must not know about AWS. */
  @Test
  void domainAndServicesDependOnNothingFromAws() throws IOException {
    Path main = Path.of("src/main/java/com/commercive/support");
    for (String layer : List.of("domain", "service", "store", "pipeline", "assistant", "util")) {
      try (Stream<Path> files = Files.list(main.resolve(layer))) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          assertThat(Files.readString(file))
              .as(file.toString())
              .doesNotContain("software.amazon")
              .doesNotContain("com.amazonaws");
        }
      }
    }
  }
}
