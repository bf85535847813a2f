package com.commercive.support.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.commercive.support.domain.ConflictException;
import com.commercive.support.domain.IdempotencyKeyReusedException;
import com.commercive.support.domain.ValidationException;
import com.commercive.support.fakes.InMemoryClaimStore;
import com.commercive.support.fakes.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdempotencyServiceTest {
  final InMemoryClaimStore store = new InMemoryClaimStore();
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
  final IdempotencyService service = new IdempotencyService(store, clock);
  final AtomicInteger runs = new AtomicInteger();

  Supplier<IdempotencyService.StoredResponse> action(String body) {
    return () -> new IdempotencyService.StoredResponse(201, "/x/" + runs.incrementAndGet(), body);
  }

  @Test
  void aRepeatReplaysTheFirstResponseWithoutRunningAgain() {
    var first = service.execute("user-1", "key-1", "POST /t\n{}", action("first"));
    var again = service.execute("user-1", "key-1", "POST /t\n{}", action("second"));

    assertThat(first.replayed()).isFalse();
    assertThat(again.replayed()).isTrue();
    assertThat(again.response()).isEqualTo(first.response());
    assertThat(again.response().body()).isEqualTo("first");
    assertThat(runs).hasValue(1);
  }

  @Test
  void theSameKeyWithAnotherRequestIsRefused() {
    service.execute("user-1", "key-1", "POST /t\n{\"a\":1}", action("first"));
    assertThatThrownBy(() -> service.execute("user-1", "key-1", "POST /t\n{\"a\":2}", action("x")))
        .isInstanceOf(IdempotencyKeyReusedException.class);
    assertThat(runs).hasValue(1);
  }

  @Test
  void keysAreScopedToTheCaller() {
    service.execute("user-1", "key-1", "POST /t\n{}", action("a"));
    var other = service.execute("user-2", "key-1", "POST /t\n{}", action("b"));
    assertThat(other.replayed()).isFalse();
    assertThat(runs).hasValue(2);
  }

  @Test
  void aFailedRequestFreesItsKey() {
    assertThatThrownBy(
            () ->
                service.execute("user-1", "key-1", "POST /t\n{}", () -> {
                  throw ValidationException.of("subject", "is required");
                }))
        .isInstanceOf(ValidationException.class);
    assertThat(store.size()).isZero();
    assertThat(service.execute("user-1", "key-1", "POST /t\n{}", action("ok")).replayed()).isFalse();
  }

  @Test
  void aRequestStillRunningIsAConflictUntilItsLockRunsOut() {
    // Simulates a first request that died after claiming the key.
    store.claim(IdempotencyService.REQUESTS,
        com.commercive.support.util.Hashes.sha256("user-1\u0000key-1"),
        com.commercive.support.util.Hashes.sha256("POST /t\n{}"),
        clock.instant(), clock.instant().plus(IdempotencyService.LOCK), clock.instant().plus(Duration.ofHours(24)));

    assertThatThrownBy(() -> service.execute("user-1", "key-1", "POST /t\n{}", action("x")))
        .isInstanceOf(ConflictException.class);
    clock.advance(IdempotencyService.LOCK.plusSeconds(1));
    assertThat(service.execute("user-1", "key-1", "POST /t\n{}", action("x")).replayed()).isFalse();
  }

  @Test
  void recordsExpireAfterADay() {
    service.execute("user-1", "key-1", "POST /t\n{}", action("a"));
    clock.advance(Duration.ofHours(24).plusMinutes(1));
    assertThat(service.execute("user-1", "key-1", "POST /t\n{}", action("b")).replayed()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "has space", "tab\tkey", "ünïcode", "\u0000"})
  void refusesKeysThatAreNotVisibleAscii(String key) {
    assertThatThrownBy(() -> service.execute("user-1", key, "r", action("x")))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> assertThat(e.errors().get(0).field()).isEqualTo("Idempotency-Key"));
    assertThat(runs).hasValue(0);
  }

  @Test
  void acceptsKeysUpTo255Characters() {
    assertThat(service.execute("u", "k".repeat(255), "r", action("x")).replayed()).isFalse();
    assertThatThrownBy(() -> service.execute("u", "k".repeat(256), "r", action("x")))
        .isInstanceOf(ValidationException.class);
  }
}
