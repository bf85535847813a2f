package com.commercive.support.config;

import static com.commercive.support.resources.EnvironmentVariables.REALTIME_CONNECTIONS_PER_USER;
import static com.commercive.support.resources.EnvironmentVariables.REALTIME_ENDPOINT;
import static com.commercive.support.resources.EnvironmentVariables.REALTIME_URL;

import java.net.URI;
import java.util.Optional;

/**
 * Live updates: where clients connect ({@code REALTIME_URL}, the WebSocket API's {@code wss://}
 * URL, given back with each token) and where the functions post to connections
 * ({@code REALTIME_ENDPOINT}, the API's {@code https://…/<stage>} management endpoint; locally the
 * runner's emulation of it). Unset: live updates are off and nothing is pushed.
 * {@code REALTIME_CONNECTIONS_PER_USER} (default 10) bounds one user's open connections and
 * unused tokens together.
 */
public record RealtimeSettings(Optional<URI> clientUrl, Optional<URI> managementEndpoint, int connectionsPerUser) {
  public static final int DEFAULT_CONNECTIONS_PER_USER = 10;

  public static RealtimeSettings from(Environment env) {
    Optional<URI> client = env.value(REALTIME_URL).map(v -> {
      URI uri = URI.create(v);
      if (!"wss".equals(uri.getScheme()) && !"ws".equals(uri.getScheme()) || uri.getHost() == null) {
        throw new IllegalArgumentException("REALTIME_URL must be a ws:// or wss:// URL");
      }
      return uri;
    });
    return new RealtimeSettings(client, env.url(REALTIME_ENDPOINT),
        env.integer(REALTIME_CONNECTIONS_PER_USER, DEFAULT_CONNECTIONS_PER_USER, 1, 1_000));
  }

  public boolean enabled() {
    return managementEndpoint.isPresent();
  }
}
