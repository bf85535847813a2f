package com.commercive.support.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.commercive.support.domain.Priority;
import com.commercive.support.domain.ServiceLevels;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServiceLevelSettingsTest {
  static ServiceLevelSettings read(Map<String, String> env) {
    return ServiceLevelSettings.from(new Environment(env));
  }

  @Test
  void unsetIsTheContractsDefaults() {
    ServiceLevelSettings settings = read(Map.of());
    assertThat(settings.levels()).isEqualTo(ServiceLevels.DEFAULT);
    assertThat(settings.sweepInterval()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void targetsDelayAndIntervalAsTheTestsOfTheLocalSystemSetThem() {
    ServiceLevelSettings settings = read(Map.of("SLA_FIRST_RESPONSE_MINUTES", "high:1, medium:1,low:1",
        "SLA_RESOLUTION_HOURS", "low:9,medium:5,high:2", "AUTO_CLOSE_AFTER", "PT40S", "SWEEP_INTERVAL_SECONDS", "5"));
    assertThat(settings.levels().firstResponse()).containsEntry(Priority.LOW, Duration.ofMinutes(1));
    assertThat(settings.levels().resolution()).containsEntry(Priority.HIGH, Duration.ofHours(2));
    assertThat(settings.levels().autoCloseAfter()).isEqualTo(Duration.ofSeconds(40));
    assertThat(settings.sweepInterval()).isEqualTo(Duration.ofSeconds(5));
  }

  @ParameterizedTest
  @ValueSource(strings = {"high:60,medium:240", "high:60,medium:240,low:0", "high:60,medium:x,low:5",
      "high:60,high:30,low:5", "urgent:5,high:60,medium:240,low:1440", "60"})
  void aTargetListMissingAPriorityOrAPositiveWholeNumberStopsTheStart(String value) {
    assertThatThrownBy(() -> read(Map.of("SLA_FIRST_RESPONSE_MINUTES", value)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SLA_FIRST_RESPONSE_MINUTES");
  }

  @ParameterizedTest
  @ValueSource(strings = {"7 days", "P0D", "-PT5S", "PT"})
  void anAutoCloseDelayThatIsNotAPositiveIsoDurationStopsTheStart(String value) {
    assertThatThrownBy(() -> read(Map.of("AUTO_CLOSE_AFTER", value))).isInstanceOf(IllegalArgumentException.class);
  }
}
