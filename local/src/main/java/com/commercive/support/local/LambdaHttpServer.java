package com.commercive.support.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.commercive.support.api.QueryString;
import com.commercive.support.domain.ValidationException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.ConnectionLimit;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves HTTP by doing what API Gateway does: each request becomes a payload 2.0 event for the
 * same handler class that runs on Lambda, and the handler's response becomes the HTTP response.
 *
 * <p>It runs on Jetty (already here for DynamoDB Local), whose connections wait for data without
 * holding a thread, so clients that send part of a request and stall cannot starve the others.
 * The time and resources a request may take are bounded: idle connections are closed after
 * {@link #IDLE_TIMEOUT_MS}, a body sent slower than {@link #MIN_BODY_BYTES_PER_SECOND} is cut
 * off, at most {@link #MAX_CONNECTIONS} connections are held, and every request Jetty refuses
 * before the handler sees it (a malformed path, oversized headers) is answered with a problem
 * document like the API's own.
 */
final class LambdaHttpServer implements AutoCloseable {
  // Longer than most: it is API Gateway for the local runner (request limits, the payload 2.0
  // event, problem documents for what Jetty refuses), each a few lines that belong together.
  /** Bodies larger than this are cut here, as API Gateway refuses them (the handler says 413). */
  static final int MAX_READ_BYTES = 1024 * 1024;
  /** API Gateway's own request limit; beyond it the connection is simply closed. */
  static final long MAX_DISCARD_BYTES = 10L * 1024 * 1024;
  static final long IDLE_TIMEOUT_MS = 10_000;
  static final long MIN_BODY_BYTES_PER_SECOND = 1024;
  static final int MAX_CONNECTIONS = 512;
  static final int MAX_THREADS = 64;
  static final int MAX_HEADER_BYTES = 16 * 1024;
  private static final Logger LOG = LoggerFactory.getLogger(LambdaHttpServer.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter REQUEST_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  private final Server server;
  private final ServerConnector connector;

  private LambdaHttpServer(Server server, ServerConnector connector) {
    this.server = server;
    this.connector = connector;
  }

  /** A function behind the API, by the name its logs carry. */
  record Function(String name, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler) {}

  /**
   * The functions behind the API: requests whose route key ({@code METHOD /path}, as API
   * Gateway's routes) is in {@code routes} to that function, every other to {@code fallback}.
   */
  record Routes(Function fallback, Map<String, Function> routes, Optional<LocalConsole> console) {
    Routes(Function fallback, Map<String, Function> routes) {
      this(fallback, routes, Optional.empty());
    }

    Function of(String method, String path) {
      return routes.getOrDefault(method + " " + path, fallback);
    }

    Routes withConsole(LocalConsole site) {
      return new Routes(fallback, routes, Optional.of(site));
    }
  }

  /** Each request to its function, as the stack's HTTP API routes them. */
  static LambdaHttpServer start(String host, int port, Routes functions) {
    return start(host, port, functions, IDLE_TIMEOUT_MS);
  }

  /** As above, closing a connection idle for {@code idleTimeoutMs} (tests shorten it). */
  static LambdaHttpServer start(String host, int port, Routes functions, long idleTimeoutMs) {
    QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS);
    threads.setName("local-api");
    Server server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendDateHeader(false);
    http.setRequestHeaderSize(MAX_HEADER_BYTES);
    http.setMinRequestDataRate(MIN_BODY_BYTES_PER_SECOND);
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost(host);
    connector.setPort(port);
    connector.setIdleTimeout(idleTimeoutMs);
    server.addConnector(connector);
    server.addBean(new ConnectionLimit(MAX_CONNECTIONS, server));
    server.setErrorHandler(new ProblemErrorHandler());
    server.setHandler(new Handler.Abstract() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) {
        String path = request.getHttpURI().getPath();
        // The console beside the API (same origin): GETs outside /support/ that are its files.
        Optional<LocalConsole.File> file = path.startsWith("/support") || !request.getMethod().equals("GET")
            ? Optional.empty() : functions.console().flatMap(site -> site.file(path));
        if (file.isPresent()) {
          response.setStatus(200);
          response.getHeaders().put("Content-Type", file.get().contentType());
          functions.console().orElseThrow().headers().forEach((name, value) -> response.getHeaders().put(name, value));
          response.write(true, java.nio.ByteBuffer.wrap(file.get().body()), callback);
          return true;
        }
        serve(request, response, callback, functions.of(request.getMethod(), path));
        return true;
      }
    });
    try {
      server.start();
    } catch (Exception e) {
      try {
        server.stop();
      } catch (Exception stopFailure) {
        e.addSuppressed(stopFailure);
      }
      if (LocalDynamoDb.causedByBind(e)) {
        throw new PortInUseException("The API", port);
      }
      throw new IllegalStateException("the API server did not start: " + e.getMessage(), e);
    }
    return new LambdaHttpServer(server, connector);
  }

  int port() {
    return connector.getLocalPort();
  }

  private static void serve(Request request, Response response, Callback callback, Function function) {
    String requestId = UUID.randomUUID().toString();
    APIGatewayV2HTTPResponse result;
    try {
      APIGatewayV2HTTPEvent event = toEvent(request, requestId);
      result = function.handler().handleRequest(
          event, new LocalLambdaContext(requestId, function.name(), System.currentTimeMillis() + 30_000));
    } catch (IOException unreadable) {
      // The client stopped sending, or sent too slowly: answered as API Gateway does, with a
      // problem document that says so (never the exception's text), if the client still listens.
      LOG.atInfo().addKeyValue("request_id", requestId).addKeyValue("error_type", unreadable.getClass().getName())
          .log("the request's body did not arrive");
      writeProblem(response, callback, 408, "the request's body did not arrive in time", requestId);
      return;
    } catch (RuntimeException fault) {
      // What API Gateway answers when the function itself fails.
      LOG.error("the API function failed", fault);
      response.setStatus(500);
      response.getHeaders().put("Content-Type", "application/json");
      response.write(true, ByteBuffer.wrap("{\"message\":\"Internal Server Error\"}".getBytes(StandardCharsets.UTF_8)),
          callback);
      return;
    }
    write(request, response, callback, result);
  }

  static APIGatewayV2HTTPEvent toEvent(Request request, String requestId) throws IOException {
    byte[] body = readBody(Request.asInputStream(request));
    Map<String, String> headers = new LinkedHashMap<>();
    List<String> cookies = new ArrayList<>();
    for (HttpField field : request.getHeaders()) {
      String lower = field.getName().toLowerCase(Locale.ROOT);
      if (lower.equals("cookie")) {
        cookies.add(field.getValue());
      } else {
        headers.merge(lower, field.getValue(), (a, b) -> a + "," + b);
      }
    }
    String rawPath = request.getHttpURI().getPath();
    String rawQuery = request.getHttpURI().getQuery();
    Instant now = Instant.now();
    return APIGatewayV2HTTPEvent.builder()
        .withVersion("2.0")
        .withRouteKey("$default")
        .withRawPath(rawPath)
        .withRawQueryString(rawQuery == null ? "" : rawQuery)
        .withHeaders(headers)
        .withCookies(cookies.isEmpty() ? null : cookies)
        .withQueryStringParameters(queryParameters(rawQuery))
        .withBody(body.length == 0 ? null : Base64.getEncoder().encodeToString(body))
        .withIsBase64Encoded(body.length > 0)
        .withRequestContext(
            APIGatewayV2HTTPEvent.RequestContext.builder()
                .withAccountId("000000000000")
                .withApiId("local")
                .withDomainName(headers.getOrDefault("host", "127.0.0.1"))
                .withRequestId(requestId)
                .withRouteKey("$default")
                .withStage("$default")
                .withTime(REQUEST_TIME.format(now))
                .withTimeEpoch(now.toEpochMilli())
                .withHttp(
                    APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                        .withMethod(request.getMethod().toUpperCase(Locale.ROOT))
                        .withPath(rawPath)
                        .withProtocol(request.getConnectionMetaData().getProtocol())
                        .withSourceIp(Request.getRemoteAddr(request))
                        .withUserAgent(headers.get("user-agent"))
                        .build())
                .build())
        .build();
  }

  /**
   * API Gateway's convenience map, decoded, repeated parameters joined with commas; none for a
   * malformed query string (the API reads the raw one and answers 400).
   */
  private static Map<String, String> queryParameters(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return null;
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    try {
      QueryString.parse(rawQuery).forEach(p -> parameters.merge(p.getKey(), p.getValue(), (a, b) -> a + "," + b));
    } catch (ValidationException malformed) {
      return null;
    }
    return parameters;
  }

  /**
   * Reads up to {@link #MAX_READ_BYTES} and discards the rest (up to a bound), so that the client
   * gets to read the 413 instead of a reset connection.
   */
  private static byte[] readBody(InputStream in) throws IOException {
    byte[] body = in.readNBytes(MAX_READ_BYTES);
    long discarded = 0;
    byte[] sink = new byte[64 * 1024];
    for (int n; discarded < MAX_DISCARD_BYTES && (n = in.read(sink)) > 0; ) {
      discarded += n;
    }
    return body;
  }

  private static void write(Request request, Response response, Callback callback, APIGatewayV2HTTPResponse result) {
    if (result.getHeaders() != null) {
      result.getHeaders().forEach((name, value) -> response.getHeaders().put(name, value));
    }
    byte[] body;
    if (result.getBody() == null) {
      body = new byte[0];
    } else if (result.getIsBase64Encoded()) {
      body = Base64.getDecoder().decode(result.getBody());
    } else {
      body = result.getBody().getBytes(StandardCharsets.UTF_8);
    }
    int status = result.getStatusCode();
    response.setStatus(status);
    boolean noBody = status == 204 || status == 304 || request.getMethod().equals("HEAD");
    response.write(true, noBody ? null : ByteBuffer.wrap(body), callback);
  }

  /**
   * What Jetty answers itself (a path it cannot parse, headers over the limit, a body sent too
   * slowly): a problem document, as the API answers everything else, never an HTML page.
   */
  static final class ProblemErrorHandler extends ErrorHandler {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      int status = response.getStatus() >= 400 ? response.getStatus() : HttpStatus.BAD_REQUEST_400;
      // Jetty's message can carry an exception's text: it goes to the log, never to the client.
      LOG.atInfo().addKeyValue("status", status).addKeyValue("reason", String.valueOf(request.getAttribute(ERROR_MESSAGE)))
          .log("a request the server could not read");
      writeProblem(response, callback, status, "the request could not be read", UUID.randomUUID().toString());
      return true;
    }
  }

  /** A problem document as the API writes them, with the request's id and no internals. */
  static void writeProblem(Response response, Callback callback, int status, String detail, String requestId) {
    String reason = HttpStatus.getMessage(status);
    ObjectNode problem = JSON.createObjectNode();
    problem.put("type", "https://commercive.com/problems/support/" + (status == 400 ? "bad-request"
        : reason.toLowerCase(Locale.ROOT).replace(' ', '-')));
    problem.put("title", reason);
    problem.put("status", status);
    problem.put("detail", detail);
    problem.put("request_id", requestId);
    response.setStatus(status);
    response.getHeaders().put("Content-Type", "application/problem+json");
    response.getHeaders().put("Cache-Control", "no-store");
    response.write(true, ByteBuffer.wrap(problem.toString().getBytes(StandardCharsets.UTF_8)), callback);
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("the API server did not stop cleanly", e);
    }
  }
}
