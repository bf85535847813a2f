package com.commercive.support.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
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
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves HTTP by doing what API Gateway does: each request becomes a payload 2.0 event for the
 * same handler class that runs on Lambda, and the handler's response becomes the HTTP response.
 */
final class LambdaHttpServer implements AutoCloseable {
  /** Bodies larger than this are cut here, as API Gateway refuses them (the handler says 413). */
  static final int MAX_READ_BYTES = 1024 * 1024;
  /** API Gateway's own request limit; beyond it the connection is simply closed. */
  static final long MAX_DISCARD_BYTES = 10L * 1024 * 1024;
  private static final Logger LOG = LoggerFactory.getLogger(LambdaHttpServer.class);
  private static final DateTimeFormatter REQUEST_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  private final HttpServer server;
  private final ExecutorService executor;

  private LambdaHttpServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  static LambdaHttpServer start(
      String host, int port, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(host, port), 128);
    } catch (BindException e) {
      throw new PortInUseException("The API", port);
    } catch (IOException e) {
      throw new IllegalStateException("the API server did not start: " + e.getMessage(), e);
    }
    ExecutorService executor = Executors.newFixedThreadPool(32);
    server.setExecutor(executor);
    server.createContext("/", exchange -> serve(exchange, handler));
    server.start();
    return new LambdaHttpServer(server, executor);
  }

  int port() {
    return server.getAddress().getPort();
  }

  private static void serve(
      HttpExchange exchange, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler)
      throws IOException {
    try (exchange) {
      String requestId = UUID.randomUUID().toString();
      APIGatewayV2HTTPResponse response;
      try {
        APIGatewayV2HTTPEvent event = toEvent(exchange, requestId);
        response =
            handler.handleRequest(
                event, new LocalLambdaContext(requestId, "api-handler", System.currentTimeMillis() + 30_000));
      } catch (RuntimeException fault) {
        // What API Gateway answers when the function itself fails.
        LOG.error("the API function failed", fault);
        byte[] body = "{\"message\":\"Internal Server Error\"}".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(500, body.length);
        exchange.getResponseBody().write(body);
        return;
      }
      write(exchange, response);
    }
  }

  static APIGatewayV2HTTPEvent toEvent(HttpExchange exchange, String requestId) throws IOException {
    byte[] body = readBody(exchange.getRequestBody());
    Map<String, String> headers = new LinkedHashMap<>();
    List<String> cookies = new ArrayList<>();
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) -> {
              String lower = name.toLowerCase(Locale.ROOT);
              if (lower.equals("cookie")) {
                cookies.addAll(values);
              } else {
                headers.put(lower, String.join(",", values));
              }
            });
    String rawPath = exchange.getRequestURI().getRawPath();
    String rawQuery = exchange.getRequestURI().getRawQuery();
    Instant now = Instant.now();
    String sourceIp = exchange.getRemoteAddress().getAddress().getHostAddress();
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
                        .withMethod(exchange.getRequestMethod().toUpperCase(Locale.ROOT))
                        .withPath(rawPath)
                        .withProtocol(exchange.getProtocol())
                        .withSourceIp(sourceIp)
                        .withUserAgent(headers.get("user-agent"))
                        .build())
                .build())
        .build();
  }

  /** API Gateway's convenience map: repeated parameters are joined with commas. */
  private static Map<String, String> queryParameters(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return null;
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    for (String part : rawQuery.split("&")) {
      if (part.isEmpty()) {
        continue;
      }
      int eq = part.indexOf('=');
      String name = eq < 0 ? part : part.substring(0, eq);
      String value = eq < 0 ? "" : part.substring(eq + 1);
      parameters.merge(name, value, (a, b) -> a + "," + b);
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

  private static void write(HttpExchange exchange, APIGatewayV2HTTPResponse response)
      throws IOException {
    if (response.getHeaders() != null) {
      response.getHeaders().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
    }
    byte[] body;
    if (response.getBody() == null) {
      body = new byte[0];
    } else if (response.getIsBase64Encoded()) {
      body = Base64.getDecoder().decode(response.getBody());
    } else {
      body = response.getBody().getBytes(StandardCharsets.UTF_8);
    }
    int status = response.getStatusCode();
    boolean noBody = status == 204 || status == 304 || exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, noBody ? -1 : (body.length == 0 ? -1 : body.length));
    if (!noBody && body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
