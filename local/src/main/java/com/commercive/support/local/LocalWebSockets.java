package com.commercive.support.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.commercive.support.resources.Catalogue;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket API on loopback, doing what API Gateway does for the same handler class: the
 * upgrade is the {@code $connect} route (a refused token answers the upgrade with 401), each text
 * frame the {@code $default} route (the route's reply goes back on the socket), a closed socket
 * the {@code $disconnect} route. API Gateway's management endpoint ({@code POST /@connections/{id}})
 * is emulated on a second loopback port, so the functions post to sockets with the real SDK
 * client: 200 when sent, 410 {@code GoneException} when the socket is closed.
 */
public final class LocalWebSockets implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalWebSockets.class);
  /** API Gateway drops a connection idle this long. */
  static final Duration IDLE_TIMEOUT = Duration.ofMinutes(10);
  /** API Gateway closes every connection this long after it opened, idle or not. */
  static final Duration MAX_CONNECTION = Duration.ofHours(2);

  private final Server server;
  private final ServerConnector sockets;
  private final ServerConnector management;
  private final Map<String, Session> open = new ConcurrentHashMap<>();
  private final RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> handler;
  private final String host;
  private final Duration maxConnection;
  /** Ends each connection at its time limit. */
  private final java.util.concurrent.ScheduledExecutorService limits =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "local-websockets-limits");
        thread.setDaemon(true);
        return thread;
      });

  private LocalWebSockets(String host, RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> handler,
      Duration maxConnection) {
    this.host = host;
    this.handler = handler;
    this.maxConnection = maxConnection;
    QueuedThreadPool threads = new QueuedThreadPool(64);
    threads.setName("local-websockets");
    this.server = new Server(threads);
    this.sockets = new ServerConnector(server);
    this.management = new ServerConnector(server);
  }

  /**
   * Starts both endpoints on ports chosen beforehand (the functions' settings name them before
   * the handler exists): {@code port} for clients, {@code managementPort} for the functions.
   */
  static LocalWebSockets start(String host, int port, int managementPort,
      RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> handler) {
    return start(host, port, managementPort, handler, MAX_CONNECTION);
  }

  /** As above, with connections closed {@code maxConnection} after they open (tests shorten it). */
  static LocalWebSockets start(String host, int port, int managementPort,
      RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> handler, Duration maxConnection) {
    int chosen = port;
    if (!FreePorts.isFree(host, chosen)) {
      throw new PortInUseException("The WebSocket API", chosen);
    }
    LocalWebSockets local = new LocalWebSockets(host, handler, maxConnection);
    local.sockets.setHost(host);
    local.sockets.setPort(chosen);
    local.sockets.setName("sockets");
    local.management.setHost(host);
    local.management.setPort(managementPort);
    local.management.setName("management");
    local.server.addConnector(local.sockets);
    local.server.addConnector(local.management);

    ContextHandler context = new ContextHandler("/");
    WebSocketUpgradeHandler upgrades = WebSocketUpgradeHandler.from(local.server, context, container -> {
      container.setIdleTimeout(IDLE_TIMEOUT);
      container.setMaxTextMessageSize(32 * 1024);
      container.addMapping("/", (request, response, callback) -> local.upgrade(request, response, callback));
    });
    upgrades.setHandler(new Handler.Abstract() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) {
        return local.manage(request, response, callback);
      }
    });
    context.setHandler(upgrades);
    local.server.setHandler(context);
    // A refused upgrade (or any error this server writes) is a problem document, as the API's are.
    local.server.setErrorHandler(new UpgradeProblems());
    try {
      local.server.start();
    } catch (Exception e) {
      throw new IllegalStateException("the local WebSocket API could not start: " + e.getMessage(), e);
    }
    return local;
  }

  /** The problem document of a refused upgrade or of a request this server cannot serve. */
  static final class UpgradeProblems extends org.eclipse.jetty.server.handler.ErrorHandler {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      int status = response.getStatus() >= 400 ? response.getStatus() : 400;
      String detail = status == 401
          ? "the connection's token is missing, expired or already used: ask POST /support/realtime/token for a new one"
          : status == 404 ? "nothing is served here" : org.eclipse.jetty.http.HttpStatus.getMessage(status);
      LambdaHttpServer.writeProblem(response, callback, status, detail, UUID.randomUUID().toString());
      return true;
    }
  }

  /** Where clients connect: {@code ws://host:port}. */
  URI url() {
    return URI.create("ws://" + host + ":" + sockets.getLocalPort());
  }

  /** The emulated management endpoint the functions post to ({@code REALTIME_ENDPOINT}). */
  URI managementEndpoint() {
    return URI.create("http://" + host + ":" + management.getLocalPort());
  }

  /** {@code $connect}: the handler decides; a refusal is the upgrade's HTTP status. */
  private Object upgrade(org.eclipse.jetty.websocket.server.ServerUpgradeRequest request,
      org.eclipse.jetty.websocket.server.ServerUpgradeResponse response, Callback callback) {
    if (!request.getConnectionMetaData().getConnector().getName().equals("sockets")) {
      Response.writeError(request, response, callback, 404);
      return null;
    }
    String connectionId = UUID.randomUUID().toString().replace("-", "").substring(0, 16) + "=";
    Map<String, String> query = new HashMap<>();
    Fields fields = Request.extractQueryParameters(request);
    fields.forEach(field -> query.put(field.getName(), field.getValue()));
    APIGatewayV2WebSocketResponse answer = invoke("$connect", "CONNECT", connectionId, query, null);
    int status = answer == null ? 500 : answer.getStatusCode();
    if (status != 200) {
      Response.writeError(request, response, callback, status);
      return null;
    }
    return new Endpoint(connectionId);
  }

  /** The management API: {@code POST /@connections/{id}} sends the body to that socket. */
  private boolean manage(Request request, Response response, Callback callback) {
    String path = Request.getPathInContext(request);
    if (!request.getConnectionMetaData().getConnector().getName().equals("management")
        || !path.startsWith("/@connections/")) {
      Response.writeError(request, response, callback, 404);
      return true;
    }
    String connectionId = java.net.URLDecoder.decode(path.substring("/@connections/".length()), StandardCharsets.UTF_8);
    Session session = open.get(connectionId);
    if (session == null || !session.isOpen()) {
      response.setStatus(410);
      response.getHeaders().put("x-amzn-ErrorType", "GoneException");
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
      Content.Sink.write(response, true, "{\"message\":\"Gone\"}", callback);
      return true;
    }
    switch (request.getMethod()) {
      case "POST" -> {
        String body;
        try {
          body = Content.Source.asString(request, StandardCharsets.UTF_8);
        } catch (java.io.IOException unreadable) {
          Response.writeError(request, response, callback, 400);
          return true;
        }
        session.sendText(body, org.eclipse.jetty.websocket.api.Callback.NOOP);
        response.setStatus(200);
        callback.succeeded();
      }
      case "DELETE" -> {
        session.close();
        response.setStatus(204);
        callback.succeeded();
      }
      default -> Response.writeError(request, response, callback, 405);
    }
    return true;
  }

  private APIGatewayV2WebSocketResponse invoke(String route, String eventType, String connectionId,
      Map<String, String> query, String body) {
    APIGatewayV2WebSocketEvent event = new APIGatewayV2WebSocketEvent();
    APIGatewayV2WebSocketEvent.RequestContext context = new APIGatewayV2WebSocketEvent.RequestContext();
    context.setRouteKey(route);
    context.setEventType(eventType);
    context.setConnectionId(connectionId);
    context.setRequestId(UUID.randomUUID().toString());
    context.setStage("local");
    context.setDomainName(host);
    event.setRequestContext(context);
    event.setQueryStringParameters(query == null || query.isEmpty() ? null : query);
    event.setBody(body);
    event.setIsBase64Encoded(false);
    try {
      return handler.handleRequest(event, new LocalLambdaContext(context.getRequestId(), Catalogue.WEB_SOCKET.name(),
          System.currentTimeMillis() + 30_000));
    } catch (RuntimeException failure) {
      // API Gateway answers a failed route with an internal error and keeps the socket.
      LOG.error("the WebSocket route {} failed", route, failure);
      return null;
    }
  }

  /** One socket: its frames go to {@code $default}, its end to {@code $disconnect}. */
  // Public: Jetty calls its methods through method handles.
  public final class Endpoint implements Session.Listener.AutoDemanding {
    private final String connectionId;
    private Session session;

    Endpoint(String connectionId) {
      this.connectionId = connectionId;
    }

    private java.util.concurrent.ScheduledFuture<?> limit;

    @Override
    public void onWebSocketOpen(Session session) {
      this.session = session;
      open.put(connectionId, session);
      // As API Gateway does at its two-hour limit: "going away", then $disconnect.
      limit = limits.schedule(() -> session.close(org.eclipse.jetty.websocket.api.StatusCode.SHUTDOWN,
          "connection time limit", org.eclipse.jetty.websocket.api.Callback.NOOP),
          maxConnection.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    @Override
    public void onWebSocketText(String message) {
      APIGatewayV2WebSocketResponse answer = invoke("$default", "MESSAGE", connectionId, null, message);
      if (answer == null) {
        session.sendText("{\"message\": \"Internal server error\"}", org.eclipse.jetty.websocket.api.Callback.NOOP);
      } else if (answer.getBody() != null) {
        session.sendText(answer.getBody(), org.eclipse.jetty.websocket.api.Callback.NOOP);
      }
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, org.eclipse.jetty.websocket.api.Callback callback) {
      // API Gateway routes binary frames too; ours are JSON text, so a binary frame is malformed.
      onWebSocketText(StandardCharsets.UTF_8.decode(payload).toString());
      callback.succeed();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
      // A client gone without a close frame (or the server stopping) ends here; Jetty then closes
      // the session and onWebSocketClose runs $disconnect, as API Gateway does.
      LOG.info("WebSocket connection {} failed: {}", connectionId, cause.toString());
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
      if (limit != null) {
        limit.cancel(false);
      }
      open.remove(connectionId);
      invoke("$disconnect", "DISCONNECT", connectionId, null, null);
    }
  }

  int openConnections() {
    return open.size();
  }

  @Override
  public void close() throws Exception {
    limits.shutdownNow();
    server.stop();
  }

}
