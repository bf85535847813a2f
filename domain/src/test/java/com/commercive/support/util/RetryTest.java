package com.commercive.support.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryTest {
  final List<Integer> pauses = new ArrayList<>();
  final Retry retry = new Retry(4, "a ticket write", pauses::add);

  @Test
  void givesUpAfterItsBoundPausingBetweenAttemptsButNotAfterTheLast() {
    AtomicInteger attempts = new AtomicInteger();
    assertThatThrownBy(() -> retry.run(() -> {
      attempts.incrementAndGet();
      return Retry.again();
    }))
        .isInstanceOf(Retry.RetriesExhaustedException.class)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("gave up on a ticket write after 4 attempts");
    assertThat(attempts).hasValue(4);
    assertThat(pauses).containsExactly(1, 2, 3);
  }

  @Test
  void stopsAsSoonAsAnAttemptIsDone() {
    AtomicInteger attempts = new AtomicInteger();
    String result = retry.run(() -> attempts.incrementAndGet() < 3 ? Retry.again() : Retry.done("written"));
    assertThat(result).isEqualTo("written");
    assertThat(attempts).hasValue(3);
    assertThat(pauses).containsExactly(1, 2);
  }

  @Test
  void theLastObstacleIsRethrownAsItIsWithTheBoundBesideIt() {
    List<RuntimeException> thrown = new ArrayList<>();
    RuntimeException last = catchThrown(() -> retry.run(() -> {
      RuntimeException conflict = new RuntimeException("conflict " + thrown.size());
      thrown.add(conflict);
      return Retry.again(conflict);
    }));
    assertThat(thrown).hasSize(4);
    assertThat(last).isSameAs(thrown.get(3));
    assertThat(last.getSuppressed()).singleElement().isInstanceOf(Retry.RetriesExhaustedException.class);
  }

  @Test
  void aCallersOwnGiveUpIsThrownWhenGiven() {
    assertThatThrownBy(() -> retry.run(Retry::again, () -> new UnsupportedOperationException("too fast")))
        .isInstanceOf(UnsupportedOperationException.class).hasMessage("too fast");
    assertThat(pauses).hasSize(3);
  }

  @Test
  void anAttemptsOwnFailureIsNotRetried() {
    AtomicInteger attempts = new AtomicInteger();
    assertThatThrownBy(() -> retry.run(() -> {
      attempts.incrementAndGet();
      throw new IllegalArgumentException("not a conflict");
    })).hasMessage("not a conflict");
    assertThat(attempts).hasValue(1);
    assertThat(pauses).isEmpty();
  }

  @Test
  void drainingSendsWhatIsLeftUntilNothingIs() {
    List<Map<String, Integer>> sent = new ArrayList<>();
    retry.drain(Map.of("t", 8), request -> {
      sent.add(request);
      int left = request.get("t") / 2;
      return left == 0 ? Map.of() : Map.of("t", left);
    });
    assertThat(sent).containsExactly(Map.of("t", 8), Map.of("t", 4), Map.of("t", 2), Map.of("t", 1));
    assertThat(pauses).containsExactly(1, 2, 3);
  }

  @Test
  void drainingGivesUpRatherThanAnsweringWithPart() {
    AtomicInteger sends = new AtomicInteger();
    assertThatThrownBy(() -> retry.drain(Map.of("t", 1), request -> {
      sends.incrementAndGet();
      return request;
    })).isInstanceOf(Retry.RetriesExhaustedException.class).hasMessageContaining("unprocessed after 4 attempts");
    assertThat(sends).hasValue(4);
  }

  @Test
  void theRealPauseSleepsWithTheBackoff() {
    Retry real = Retry.upTo(3, Backoff.of(20, 20), "a rate count");
    long started = System.nanoTime();
    assertThatThrownBy(() -> real.run(Retry::again)).isInstanceOf(Retry.RetriesExhaustedException.class);
    // Two pauses, each between 1 and 20 ms; a run without them takes microseconds.
    assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(2);
  }

  @Test
  void atLeastOneAttempt() {
    assertThatThrownBy(() -> Retry.upTo(0, Backoff.of(1, 1), "nothing")).isInstanceOf(IllegalArgumentException.class);
  }

  private static RuntimeException catchThrown(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      return e;
    }
    throw new AssertionError("nothing was thrown");
  }
}
