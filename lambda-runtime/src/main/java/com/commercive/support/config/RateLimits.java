package com.commercive.support.config;

import static com.commercive.support.resources.EnvironmentVariables.AI_AUTO_REPLIES_PER_USER_PER_HOUR;
import static com.commercive.support.resources.EnvironmentVariables.AI_REQUESTS_PER_USER_PER_HOUR;
import static com.commercive.support.resources.EnvironmentVariables.EMAILS_PER_TICKET_PER_HOUR;
import static com.commercive.support.resources.EnvironmentVariables.MESSAGES_PER_USER_PER_HOUR;
import static com.commercive.support.resources.EnvironmentVariables.REALTIME_TOKENS_PER_USER_PER_MINUTE;
import static com.commercive.support.resources.EnvironmentVariables.TICKETS_PER_USER_PER_HOUR;
import static com.commercive.support.resources.EnvironmentVariables.UPLOADS_PER_USER_PER_HOUR;

import com.commercive.support.service.RateLimiter;
import java.util.Map;

/**
 * Abuse limits, each {@code <WHAT>_PER_…_PER_HOUR} (live-update tokens {@code _PER_MINUTE}); 0 turns
 * one off.
 */
public record RateLimits(
    int aiRequestsPerUser, int autoRepliesPerUser, int ticketsPerUser, int emailsPerTicket, int messagesPerUser,
    int uploadsPerUser, int realtimeTokensPerUser) {

  public static RateLimits from(Environment env) {
    return new RateLimits(
        env.integer(AI_REQUESTS_PER_USER_PER_HOUR, 30, 0, 1_000_000),
        env.integer(AI_AUTO_REPLIES_PER_USER_PER_HOUR, 20, 0, 1_000_000),
        env.integer(TICKETS_PER_USER_PER_HOUR, 20, 0, 1_000_000),
        env.integer(EMAILS_PER_TICKET_PER_HOUR, 30, 0, 1_000_000),
        env.integer(MESSAGES_PER_USER_PER_HOUR, 120, 0, 1_000_000),
        env.integer(UPLOADS_PER_USER_PER_HOUR, 60, 0, 1_000_000),
        env.integer(REALTIME_TOKENS_PER_USER_PER_MINUTE, 20, 0, 1_000_000));
  }

  /** Each limit's allowance in its window, as the rate limiter counts them. */
  public Map<RateLimiter.Limit, Integer> allowances() {
    return Map.of(
        RateLimiter.Limit.AI_REQUESTS, aiRequestsPerUser,
        RateLimiter.Limit.AUTO_REPLIES, autoRepliesPerUser,
        RateLimiter.Limit.TICKETS, ticketsPerUser,
        RateLimiter.Limit.EMAILS_PER_TICKET, emailsPerTicket,
        RateLimiter.Limit.MESSAGES, messagesPerUser,
        RateLimiter.Limit.UPLOADS, uploadsPerUser,
        RateLimiter.Limit.REALTIME_TOKENS, realtimeTokensPerUser);
  }
}
