package com.commercive.support.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.commercive.support.local.LocalSystem;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Runs {@link LiveUpdatesBench} small, so that the bench keeps working: every sample's frame must
 * reach its socket (the bench fails after 10 s otherwise); the figures themselves are not asserted.
 */
class LiveUpdatesBenchIT {
  @Test
  void timesEachPathToTheMerchantsAndTheTeamsSockets() throws Exception {
    try (LocalSystem system = LocalSystem.start(
        PipelineBench.settings(Path.of(System.getProperty("functions.dir", "..")), 1))) {
      LiveUpdatesBench bench = new LiveUpdatesBench(system);
      bench.open(12, 2);

      LiveUpdatesBench.Results results = bench.measure(3);

      assertThat(results.aiReply()).hasSize(3).allSatisfy(ms -> assertThat(ms).isPositive());
      assertThat(results.aiStored()).hasSize(3);
      assertThat(results.agentReply()).hasSize(3).allSatisfy(ms -> assertThat(ms).isPositive());
      assertThat(results.questionToInbox()).hasSize(3).allSatisfy(ms -> assertThat(ms).isPositive());
      // The reply timed is the one to this question: the assistant waits until it is 300 ms old.
      assertThat(results.aiReply()).allSatisfy(ms -> assertThat(ms).isGreaterThanOrEqualTo(300.0));
    }
  }
}
