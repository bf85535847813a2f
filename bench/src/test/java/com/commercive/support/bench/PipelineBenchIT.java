package com.commercive.support.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.commercive.support.local.LocalSystem;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs {@link PipelineBench} small, so that the bench keeps working and its audit keeps
 * catching a lost or doubled reply or email; the figures themselves are not asserted. Two
 * pollers per queue, so the audit also covers batches handled side by side.
 */
class PipelineBenchIT {
  @Test
  void followsEveryQuestionToItsReplyAndEmailsAndAuditsTheBurst() throws Exception {
    try (LocalSystem system = LocalSystem.start(
        PipelineBench.settings(Path.of(System.getProperty("functions.dir", "..")), 2))) {
      PipelineBench bench = new PipelineBench(system);

      List<PipelineBench.Sample> alone = bench.oneAtATime(3, "alone");
      PipelineBench.Burst burst = bench.burst(12);

      assertThat(alone).hasSize(3);
      assertThat(burst.samples()).hasSize(12);
      for (PipelineBench.Sample sample : concat(alone, burst.samples())) {
        assertThat(sample.aiStored()).isPositive();
        assertThat(sample.teamEmail()).isPositive();
        // The owner's email is about the AI reply, so it cannot be sent before the reply is stored.
        assertThat(sample.ownerEmail()).isGreaterThanOrEqualTo(sample.aiStored());
      }
      assertThat(burst.aiReplies()).isEqualTo(12);
      assertThat(burst.teamEmails()).isEqualTo(12);
      assertThat(burst.ownerEmails()).isEqualTo(12);
      assertThat(burst.deadLetters()).isZero();
      assertThat(burst.totalSeconds()).isGreaterThan(burst.acceptSeconds());
      assertThat(PipelineBench.percentiles(List.of(5L, 1L, 3L, 2L, 4L))).isEqualTo("3 / 5");
    }
  }

  static List<PipelineBench.Sample> concat(List<PipelineBench.Sample> a, List<PipelineBench.Sample> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }
}
