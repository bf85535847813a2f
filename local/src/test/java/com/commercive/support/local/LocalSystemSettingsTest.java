package com.commercive.support.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class LocalSystemSettingsTest {
  @Test
  void theConventionalAddressesAndOnePollerPerQueueByDefault() {
    LocalSystem.Settings settings = LocalSystem.Settings.fromEnvironment(Map.of());

    assertThat(settings.apiPort()).isEqualTo(8080);
    assertThat(settings.dynamoDbPort()).isEqualTo(8000);
    assertThat(settings.sqsPort()).isEqualTo(9324);
    assertThat(settings.sesPort()).isEqualTo(8005);
    assertThat(settings.queuePollers()).isEqualTo(1);
    assertThat(LocalSystem.Settings.forTests(Map.of()).queuePollers()).isEqualTo(1);
  }

  @Test
  void queuePollersComeFromTheEnvironmentAndSurviveTheWithers() {
    LocalSystem.Settings settings = LocalSystem.Settings.fromEnvironment(Map.of("QUEUE_POLLERS", " 3 "));

    assertThat(settings.queuePollers()).isEqualTo(3);
    assertThat(settings.withApiPort(0).queuePollers()).isEqualTo(3);
    assertThat(settings.withDataDirectory(java.nio.file.Path.of("data")).queuePollers()).isEqualTo(3);
    assertThat(LocalSystem.Settings.forTests(Map.of("QUEUE_POLLERS", "2")).queuePollers()).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-1", "9", "two", "1.5"})
  void anUnusableQueuePollersIsRefusedWithTheAcceptedRange(String value) {
    assertThatThrownBy(() -> LocalSystem.Settings.fromEnvironment(Map.of("QUEUE_POLLERS", value)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("QUEUE_POLLERS must be a whole number from 1 to 8");
  }

  @Test
  void anUnusablePortIsRefusedWithTheAcceptedRange() {
    assertThatThrownBy(() -> LocalSystem.Settings.fromEnvironment(Map.of("PORT", "70000")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("PORT must be a whole number from 0 to 65535");
  }
}
