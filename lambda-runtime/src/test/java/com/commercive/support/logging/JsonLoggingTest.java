package com.commercive.support.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.commercive.support.config.LogSettings;
import com.commercive.support.fakes.FakeLambdaContext;
import com.commercive.support.testing.StandardOutput;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The functions' log lines: one JSON object each, with the invocation's keys and the line's own. */
class JsonLoggingTest {
  private static final Logger LOG = LoggerFactory.getLogger(JsonLoggingTest.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aLineCarriesTheInvocationAndItsKeyValuePairsAsTopLevelFields() throws Exception {
    FakeLambdaContext context = new FakeLambdaContext("notifier");
    List<JsonNode> lines = captured(() -> InvocationLogContext.around(context, () -> {
      LOG.atInfo().addKeyValue("ticket_id", "t-1").addKeyValue("duration_ms", 1.5)
          .addKeyValue("work", List.of("AiJob", "Notification")).log("request handled");
      return null;
    }));

    assertThat(lines).hasSize(1);
    JsonNode line = lines.get(0);
    assertThat(line.get("message").asText()).isEqualTo("request handled");
    assertThat(line.get("level").asText()).isEqualTo("INFO");
    assertThat(line.get("logger").asText()).isEqualTo(JsonLoggingTest.class.getName());
    assertThat(line.get("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    assertThat(line.get("ticket_id").asText()).isEqualTo("t-1");
    assertThat(line.get("duration_ms").asDouble()).isEqualTo(1.5);
    assertThat(line.get("work").toString()).isEqualTo("[\"AiJob\",\"Notification\"]");
    assertThat(line.get("function_request_id").asText()).isEqualTo(context.awsRequestId());
    assertThat(line.get("function_name").asText()).isEqualTo("notifier");
    assertThat(line.get("function_memory_size").asText()).isEqualTo("512");
    assertThat(line.has("cold_start")).isTrue();
    // Surefire sets POWERTOOLS_SERVICE_NAME for every test.
    assertThat(line.get("service").asText()).isEqualTo("commercive-support");
  }

  @Test
  void theInvocationKeysAreGoneOnceItEndsAndOnlyTheFirstInvocationIsCold() throws Exception {
    InvocationLogContext.around(new FakeLambdaContext("notifier"), () -> null);
    List<JsonNode> lines = captured(() -> {
      InvocationLogContext.around(new FakeLambdaContext("notifier"), () -> {
        LOG.info("inside");
        return null;
      });
      LOG.info("after");
    });

    assertThat(lines.get(0).get("cold_start").asText()).isEqualTo("false");
    assertThat(lines.get(1).has("function_request_id")).isFalse();
    assertThat(MDC.getCopyOfContextMap() == null || MDC.getCopyOfContextMap().isEmpty()).isTrue();
  }

  @Test
  void anErrorCarriesItsStackTraceAndDebugIsOffByDefault() throws Exception {
    List<JsonNode> lines = captured(() -> {
      LOG.debug("not shown");
      LOG.atError().addKeyValue("error_type", "IllegalStateException")
          .setCause(new IllegalStateException("store unavailable")).log("request failed");
    });

    assertThat(lines).hasSize(1);
    assertThat(lines.get(0).get("level").asText()).isEqualTo("ERROR");
    assertThat(lines.get(0).get("stack_trace").asText())
        .startsWith("java.lang.IllegalStateException: store unavailable");
  }

  @Test
  void theServiceNameIsEscapedAsJson() throws Exception {
    JsonNode field = JSON.readTree(JsonLogConfigurator.serviceField("a \"quoted\" \\ name"));
    assertThat(field.get("service").asText()).isEqualTo("a \"quoted\" \\ name");
  }

  @Test
  void theLevelComesFromLogLevelThenLambdasLoggingControls() {
    assertThat(LogSettings.from(Map.of()).level()).isEqualTo("INFO");
    assertThat(LogSettings.from(Map.of("AWS_LAMBDA_LOG_LEVEL", "DEBUG")).level()).isEqualTo("DEBUG");
    assertThat(LogSettings.from(Map.of("AWS_LAMBDA_LOG_LEVEL", "DEBUG", "LOG_LEVEL", "WARN")).level())
        .isEqualTo("WARN");
    assertThat(LogSettings.from(Map.of()).serviceName()).isEmpty();
  }

  private static List<JsonNode> captured(Runnable action) throws Exception {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : StandardOutput.linesPrintedBy(action)) {
      lines.add(JSON.readTree(line));
    }
    return lines;
  }
}
