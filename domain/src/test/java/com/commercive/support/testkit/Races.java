package com.commercive.support.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs many copies of a task at the same moment, for the tests of what must happen once. */
public final class Races implements AutoCloseable {
  private final ExecutorService pool;

  public Races(int threads) {
    pool = Executors.newFixedThreadPool(threads);
  }

  /** Runs {@code callers} copies of {@code task}, released together; their results. */
  public <T> List<T> race(int callers, Callable<T> task) throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    List<Future<T>> futures = new ArrayList<>();
    for (int i = 0; i < callers; i++) {
      futures.add(pool.submit(() -> {
        go.await();
        return task.call();
      }));
    }
    go.countDown();
    List<T> results = new ArrayList<>();
    for (Future<T> future : futures) {
      results.add(future.get(60, TimeUnit.SECONDS));
    }
    return results;
  }

  /** Runs both at the same moment and waits for both. */
  public void together(Runnable first, Runnable second) throws Exception {
    List<Runnable> tasks = List.of(first, second);
    AtomicInteger next = new AtomicInteger();
    race(tasks.size(), () -> {
      tasks.get(next.getAndIncrement()).run();
      return null;
    });
  }

  /** Sleeps, long enough for the other callers to arrive while one is inside. */
  public static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
