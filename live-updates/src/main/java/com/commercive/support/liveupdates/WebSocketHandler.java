package com.commercive.support.liveupdates;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.commercive.support.config.SupportConfig;
import com.commercive.support.logging.InvocationLogContext;
import com.commercive.support.realtime.Connection;
import com.commercive.support.realtime.LiveEvent;
import com.commercive.support.realtime.RealtimeService;
import com.commercive.support.wire.LiveEventJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket API's routes: {@code $connect} (401 without a valid single-use token), {@code
 * $disconnect}, and {@code $default} for the client's frames, each answered on its connection; a
 * refused or malformed frame gets an error event and the connection stays open.
 */
public final class WebSocketHandler
    implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {
  private static final Logger LOG = LoggerFactory.getLogger(WebSocketHandler.class);

  private final RealtimeService realtime;

  /** What Lambda calls: wires the real adapters from the environment, once per cold start. */
  public WebSocketHandler() {
    this(LiveUpdatesWiring.realtime(SupportConfig.fromEnvironment()));
  }

  /** Takes its collaborators: what tests and the local runner use. */
  public WebSocketHandler(RealtimeService realtime) {
    this.realtime = realtime;
  }

  @Override
  public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
    return InvocationLogContext.around(context, () -> handle(event));
  }

  APIGatewayV2WebSocketResponse handle(APIGatewayV2WebSocketEvent event) {
    var request = event.getRequestContext();
    String connectionId = request == null ? null : request.getConnectionId();
    if (connectionId == null || request.getRouteKey() == null) {
      return response(400, null);
    }
    var log = LOG.atInfo().addKeyValue("connection_id", connectionId);
    switch (request.getRouteKey()) {
      case "$connect" -> {
        var query = event.getQueryStringParameters();
        var connection = realtime.connect(connectionId, query == null ? null : query.get("token"));
        log.addKeyValue("accepted", connection.isPresent())
            .addKeyValue("admin", connection.map(Connection::admin).orElse(null)).log("websocket connect");
        return response(connection.isPresent() ? 200 : 401, null);
      }
      case "$disconnect" -> {
        realtime.disconnect(connectionId);
        log.log("websocket disconnect");
        return response(200, null);
      }
      default -> {
        LiveEvent reply = ClientFrames.answer(realtime, connectionId, event.getBody());
        log.addKeyValue("reply", reply.type()).log("websocket frame");
        return response(200, LiveEventJson.write(reply));
      }
    }
  }

  private static APIGatewayV2WebSocketResponse response(int status, String body) {
    APIGatewayV2WebSocketResponse response = new APIGatewayV2WebSocketResponse();
    response.setStatusCode(status);
    response.setBody(body);
    return response;
  }
}
