package com.commercive.support.store.apigateway;

import com.commercive.support.realtime.LiveEvent;
import com.commercive.support.store.ConnectionPusher;
import com.commercive.support.wire.LiveEventJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;

/** Posts events to connections through API Gateway's management API ({@code @connections}). */
public final class ApiGatewayConnectionPusher implements ConnectionPusher {
  private static final Logger LOG = LoggerFactory.getLogger(ApiGatewayConnectionPusher.class);
  private final ApiGatewayManagementApiClient connections;

  public ApiGatewayConnectionPusher(ApiGatewayManagementApiClient connections) {
    this.connections = connections;
  }

  @Override
  public Result push(String connectionId, LiveEvent event) {
    try {
      connections.postToConnection(r -> r.connectionId(connectionId)
          .data(SdkBytes.fromUtf8String(LiveEventJson.write(event))));
      return Result.DELIVERED;
    } catch (GoneException closed) {
      return Result.GONE;
    } catch (SdkException unreachable) {
      LOG.atWarn().addKeyValue("connection_id", connectionId).addKeyValue("event_type", event.type())
          .addKeyValue("error_type", unreachable.getClass().getName()).setCause(unreachable)
          .log("live event not delivered to one connection");
      return Result.FAILED;
    }
  }
}
