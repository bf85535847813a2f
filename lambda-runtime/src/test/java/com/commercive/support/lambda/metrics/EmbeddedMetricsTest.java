package com.commercive.support.lambda.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmbeddedMetricsTest {
  @Test
  void writesOneLineCloudWatchReadsAsCountsUnderTheirDimensions() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    EmbeddedMetrics metrics = new EmbeddedMetrics(" ", Clock.fixed(Instant.ofEpochMilli(1_700_000_000_123L),
        ZoneOffset.UTC), new PrintStream(out, true, StandardCharsets.UTF_8));
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("InboundMailDropped", 1L);
    counts.put("Other", 0L);
    metrics.count(Map.of("Reason", "not_a_reply"), counts);

    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(printed.strip()).doesNotContain("\n");
    JsonNode line = new ObjectMapper().readTree(printed);
    JsonNode directive = line.path("_aws").path("CloudWatchMetrics").get(0);
    assertThat(line.path("_aws").path("Timestamp").asLong()).isEqualTo(1_700_000_000_123L);
    assertThat(directive.path("Namespace").asText()).isEqualTo(EmbeddedMetrics.DEFAULT_NAMESPACE);
    assertThat(directive.path("Dimensions").toString()).isEqualTo("[[\"Reason\"]]");
    assertThat(directive.path("Metrics").toString())
        .isEqualTo("[{\"Name\":\"InboundMailDropped\",\"Unit\":\"Count\"},{\"Name\":\"Other\",\"Unit\":\"Count\"}]");
    assertThat(line.path("Reason").asText()).isEqualTo("not_a_reply");
    assertThat(line.path("InboundMailDropped").asLong()).isEqualTo(1);
    assertThat(line.path("Other").asLong()).isZero();
  }
}
