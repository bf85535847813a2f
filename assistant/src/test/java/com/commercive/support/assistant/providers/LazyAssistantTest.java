package com.commercive.support.assistant.providers;

import static org.assertj.core.api.Assertions.assertThat;

import com.commercive.support.assistant.Answer;
import com.commercive.support.assistant.Assistant;
import com.commercive.support.assistant.Question;
import com.commercive.support.assistant.Topic;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LazyAssistantTest {
  @Test
  void buildsOnceOnFirstUseEvenUnderConcurrentFirstCalls() throws InterruptedException {
    AtomicInteger builds = new AtomicInteger();
    LazyAssistant lazy = new LazyAssistant(() -> {
      builds.incrementAndGet();
      return q -> new Answer("ok " + q.text(), Topic.GENERAL, 0.9, List.of(), false);
    });
    assertThat(lazy.built()).isFalse();
    assertThat(builds).hasValue(0);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    for (int i = 0; i < 32; i++) {
      pool.submit(() -> lazy.answer(Question.of("hi")));
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    assertThat(builds).hasValue(1);
    assertThat(lazy.answer(Question.of("x")).text()).isEqualTo("ok x");
  }

  @Test
  void aWarmUpBuildsTheAssistantAndWarmsIt() {
    List<String> warmed = new java.util.ArrayList<>();
    LazyAssistant lazy = new LazyAssistant(() -> new Assistant() {
      @Override
      public Answer answer(Question question) {
        return new Answer("ok", Topic.GENERAL, 0.9, List.of(), false);
      }

      @Override
      public void warmUp() {
        warmed.add("warmed");
      }
    });

    lazy.warmUp();

    assertThat(lazy.built()).isTrue();
    assertThat(warmed).containsExactly("warmed");
  }
}
