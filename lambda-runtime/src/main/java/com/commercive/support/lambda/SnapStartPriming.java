package com.commercive.support.lambda;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A function's warm-up, run by Lambda SnapStart just before it snapshots the initialised
 * function (the CRaC {@code beforeCheckpoint} hook): classes loaded and initialised there, the
 * knowledge base's index built there, are in every environment restored from the snapshot, so
 * their first request does not pay for them. A warm-up only reads; one that fails is logged and
 * the snapshot is taken without it (it is an optimisation, never a reason to fail a deployment).
 */
public final class SnapStartPriming implements Resource {
  private static final Logger LOG = LoggerFactory.getLogger(SnapStartPriming.class);
  /** CRaC holds resources weakly; these keep the registered ones alive. */
  private static final List<SnapStartPriming> REGISTERED = new CopyOnWriteArrayList<>();

  private final String function;
  private final Runnable warmUp;

  private SnapStartPriming(String function, Runnable warmUp) {
    this.function = function;
    this.warmUp = warmUp;
  }

  /** Runs {@code warmUp} before the snapshot of {@code function} (a no-op on JVMs without CRaC). */
  public static void register(String function, Runnable warmUp) {
    SnapStartPriming priming = new SnapStartPriming(function, warmUp);
    REGISTERED.add(priming);
    Core.getGlobalContext().register(priming);
  }

  /**
   * Runs every registered warm-up now, as a checkpoint would (for benchmarks and tests).
   *
   * @return how many failed
   */
  public static int primeAll() {
    int failed = 0;
    for (SnapStartPriming priming : REGISTERED) {
      failed += priming.prime() ? 0 : 1;
    }
    return failed;
  }

  @Override
  public void beforeCheckpoint(Context<? extends Resource> context) {
    prime();
  }

  @Override
  public void afterRestore(Context<? extends Resource> context) {
    // Nothing to restore: the SDK clients reconnect and re-read credentials on their own.
  }

  /** Runs the warm-up; whether it succeeded. */
  boolean prime() {
    long started = System.nanoTime();
    try {
      warmUp.run();
      LOG.atInfo().addKeyValue("function", function)
          .addKeyValue("duration_ms", (System.nanoTime() - started) / 1_000_000)
          .log("warmed up before the snapshot");
      return true;
    } catch (RuntimeException failure) {
      LOG.atWarn().addKeyValue("function", function)
          .addKeyValue("error_type", failure.getClass().getName()).setCause(failure)
          .log("warm-up failed; the snapshot is taken without it");
      return false;
    }
  }

  static void forgetAll() {
    REGISTERED.clear();
  }
}
