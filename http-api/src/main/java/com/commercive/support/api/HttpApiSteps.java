package com.commercive.support.api;

import com.commercive.support.config.SupportConfig;
import com.commercive.support.store.ClaimStore;
import java.time.Clock;

/** The steps every HTTP API function's requests pass through, from its settings. */
public final class HttpApiSteps {
  private HttpApiSteps() {}

  /** Idempotent replays kept in {@code claims}, the caller from the JWT, CORS as configured. */
  public static HttpApi.Steps from(SupportConfig config, ClaimStore claims, Clock clock, ApiMetrics metrics) {
    return new HttpApi.Steps(new IdempotencyService(claims, clock),
        new JwtAuthenticator(config.jwt().requireSecret(), config.jwt().issuer(), config.jwt().audience(),
            config.jwt().maxTimeToLive(), clock),
        new CorsPolicy(config.api().corsAllowedOrigins()), metrics);
  }
}
