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
import com.commercive.support.realtime.RealtimeService.Frame;
import com.commercive.support.wire.Json;
import com.commercive.support.wire.LiveEventJson;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket API's routes: {@code $connect} (refused with 401 without a valid single-use
 * token), {@code $disconnect}, and {@code $default} for the client's frames, each answered on the
 * same connection (the route returns its reply). A refused or malformed frame is answered with an
 * error event; the connection stays open. Nothing internal ever reaches the client.
 */
public final class WebSocketHandler
    implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {
  private static final Logger LOG = LoggerFactory.getLogger(WebSocketHandler.class);
  /** API Gateway accepts frames up to 32 KB; ours are a few dozen bytes. */
  static final int MAX_FRAME_BYTES = 4 * 1024;

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
    String route = request == null ? null : request.getRouteKey();
    String connectionId = request == null ? null : request.getConnectionId();
    if (route == null || connectionId == null) {
      return response(400, null);
    }
    switch (route) {
      case "$connect": {
        Map<String, String> query = event.getQueryStringParameters();
        Optional<Connection> connection = realtime.connect(connectionId, query == null ? null : query.get("token"));
        LOG.atInfo().addKeyValue("connection_id", connectionId).addKeyValue("accepted", connection.isPresent())
            .addKeyValue("admin", connection.map(Connection::admin).orElse(null)).log("websocket connect");
        return response(connection.isPresent() ? 200 : 401, null);
      }
      case "$disconnect":
        realtime.disconnect(connectionId);
        LOG.atInfo().addKeyValue("connection_id", connectionId).log("websocket disconnect");
        return response(200, null);
      default: {
        LiveEvent reply = receive(connectionId, event.getBody());
        LOG.atInfo().addKeyValue("connection_id", connectionId).addKeyValue("reply", reply.type())
            .log("websocket frame");
        return response(200, LiveEventJson.write(reply));
      }
    }
  }

  private LiveEvent receive(String connectionId, String body) {
    if (body == null || body.isBlank()) {
      return realtime.malformed("a frame is a JSON object with an action");
    }
    if (body.getBytes(StandardCharsets.UTF_8).length > MAX_FRAME_BYTES) {
      return realtime.malformed("a frame is at most " + MAX_FRAME_BYTES + " bytes");
    }
    JsonNode json;
    try {
      json = Json.MAPPER.readTree(body);
    } catch (JsonProcessingException notJson) {
      return realtime.malformed("a frame is a JSON object with an action");
    }
    if (json == null || !json.isObject()) {
      return realtime.malformed("a frame is a JSON object with an action");
    }
    JsonNode action = json.get("action");
    JsonNode ticketId = json.get("ticket_id");
    JsonNode inbox = json.get("inbox");
    if ((action != null && !action.isTextual()) || (ticketId != null && !ticketId.isNull() && !ticketId.isTextual())
        || (inbox != null && !inbox.isNull() && !inbox.isBoolean())) {
      return realtime.malformed("action and ticket_id are strings, inbox is true or false");
    }
    return realtime.receive(connectionId, new Frame(action == null ? null : action.textValue(),
        ticketId == null || ticketId.isNull() ? null : ticketId.textValue(),
        inbox == null || inbox.isNull() ? null : inbox.booleanValue()));
  }

  private static APIGatewayV2WebSocketResponse response(int status, String body) {
    APIGatewayV2WebSocketResponse response = new APIGatewayV2WebSocketResponse();
    response.setStatusCode(status);
    response.setBody(body);
    return response;
  }
}
