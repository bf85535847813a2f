package com.commercive.support.store.apigateway;

import com.commercive.support.config.AwsClients;
import com.commercive.support.config.SupportConfig;
import java.time.Duration;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;

/**
 * The management API client, built once per cold start. Its endpoint is always the WebSocket API's
 * own ({@code REALTIME_ENDPOINT}); one attempt, short timeouts: an event that cannot be delivered
 * at once is not worth holding the others back (the client reads the REST thread).
 */
public final class RealtimeClients {
  private RealtimeClients() {}

  public static ApiGatewayManagementApiClient connections(SupportConfig config) {
    return AwsClients.configure(ApiGatewayManagementApiClient.builder(), config.aws(),
            config.realtime().managementEndpoint(), Duration.ofSeconds(2), Duration.ofSeconds(2),
            Duration.ofSeconds(3), 1)
        .build();
  }
}
