package com.commercive.support.config;

import static com.commercive.support.resources.EnvironmentVariables.AI_BURST_SETTLE_MS;
import static com.commercive.support.resources.EnvironmentVariables.AI_MAX_REPLIES_PER_TICKET;
import static com.commercive.support.resources.EnvironmentVariables.AUTO_REPLY_ENABLED;

import java.time.Duration;

/**
 * The assistant's automatic replies: on or off ({@code AUTO_REPLY_ENABLED}), at most how many per
 * ticket ({@code AI_MAX_REPLIES_PER_TICKET}), and how long a burst of messages may settle before
 * one reply answers them all ({@code AI_BURST_SETTLE_MS}).
 */
public record AutoReplySettings(boolean enabled, int maxPerTicket, Duration burstSettle) {
  public static AutoReplySettings from(Environment env) {
    return new AutoReplySettings(
        env.flag(AUTO_REPLY_ENABLED, true),
        env.integer(AI_MAX_REPLIES_PER_TICKET, 5, 0, 1_000),
        Duration.ofMillis(env.number(AI_BURST_SETTLE_MS, 300, 0, 10_000)));
  }
}
