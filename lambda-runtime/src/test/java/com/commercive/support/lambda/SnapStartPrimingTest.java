package com.commercive.support.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.commercive.support.testing.StandardOutput;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SnapStartPrimingTest {
  final List<String> warmed = new ArrayList<>();

  @AfterEach
  void forget() {
    SnapStartPriming.forgetAll();
  }

  @Test
  void everyRegisteredWarmUpRunsBeforeTheSnapshotAndAFailingOneOnlyWarns() {
    SnapStartPriming.register("notifier", () -> warmed.add("notifier"));
    SnapStartPriming.register("broken", () -> {
      throw new IllegalStateException("DynamoDB unreachable");
    });
    SnapStartPriming.register("api-handler", () -> warmed.add("api-handler"));

    int[] failed = new int[1];
    List<String> log = StandardOutput.linesPrintedBy(() -> failed[0] = SnapStartPriming.primeAll());

    assertThat(warmed).containsExactly("notifier", "api-handler");
    assertThat(failed[0]).isEqualTo(1);
    assertThat(String.join("\n", log))
        .contains("\"message\":\"warm-up failed; the snapshot is taken without it\"")
        .contains("\"function\":\"broken\"")
        .contains("DynamoDB unreachable")
        .contains("\"message\":\"warmed up before the snapshot\"");
  }
}
