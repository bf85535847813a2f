package com.commercive.support.api;

/** What the API counts. */
public interface ApiMetrics {
  void ticketCreated();

  void messagePosted(String senderType);

  /** The assistant answered on {@code topic}, or handed off to a person. */
  void assistantAnswered(String topic, boolean handoff);

  /** A request answered with an error; {@code kind} is the problem type's slug. */
  void error(String kind, int status);

  /** Publishes what was counted during one invocation. */
  void flush();

  /** Forgets what was counted and not yet published (a warm-up is not traffic). */
  void discard();
}
