package com.commercive.support.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The warm-up SnapStart runs before its snapshot: every layer exercised, nothing written or counted. */
class WarmUpTest extends ApiTestSupport {

  @Test
  void readsThroughEveryLayerAndLeavesNoTrace() {
    ApiHandler handler = new ApiHandler(new ApiWiring(api, metrics, SECRET.getBytes(StandardCharsets.UTF_8)));

    handler.warmUp();

    // The ticket routes' function never builds the assistant: its route is another function's.
    assertThat(assistant.built()).isFalse();
    // It read (the ticket it asked for and the list) as an authenticated user...
    assertThat(repository.calls()).isGreaterThanOrEqualTo(2);
    // ...and wrote nothing, kept no idempotency record and left no metric to publish.
    assertThat(repository.allMessages()).isEmpty();
    assertThat(idempotencyStore.size()).isZero();
    assertThat(metrics.events).isEmpty();
  }
}
