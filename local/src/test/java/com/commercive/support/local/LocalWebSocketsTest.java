package com.commercive.support.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The local WebSocket API's own limits, with a handler that accepts every connection. */
class LocalWebSocketsTest {
  @Test
  void aConnectionIsClosedAtItsTimeLimitAndDisconnectRunsAsOnApiGateway() throws Exception {
    List<String> routes = new CopyOnWriteArrayList<>();
    RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> accepting = (event, context) -> {
      routes.add(event.getRequestContext().getRouteKey());
      APIGatewayV2WebSocketResponse response = new APIGatewayV2WebSocketResponse();
      response.setStatusCode(200);
      return response;
    };
    try (LocalWebSockets sockets = LocalWebSockets.start("127.0.0.1", FreePorts.find(), FreePorts.find(), accepting,
        Duration.ofMillis(700))) {
      CompletableFuture<Integer> closed = new CompletableFuture<>();
      long opened = System.nanoTime();
      HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(sockets.url(), new WebSocket.Listener() {
        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
          closed.complete(statusCode);
          return null;
        }
      }).get(5, TimeUnit.SECONDS);

      assertThat(closed.get(5, TimeUnit.SECONDS)).as("going away").isEqualTo(1001);
      assertThat(Duration.ofNanos(System.nanoTime() - opened)).isGreaterThanOrEqualTo(Duration.ofMillis(600));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (!routes.contains("$disconnect") && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(routes).containsExactly("$connect", "$disconnect");
      assertThat(sockets.openConnections()).isZero();
    }
  }

  @Test
  void aRefusedUpgradeAnswersAProblemDocumentNotAPage() throws Exception {
    RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> refusing = (event, context) -> {
      APIGatewayV2WebSocketResponse response = new APIGatewayV2WebSocketResponse();
      response.setStatusCode(401);
      return response;
    };
    try (LocalWebSockets sockets = LocalWebSockets.start("127.0.0.1", FreePorts.find(), FreePorts.find(), refusing);
        java.net.Socket socket = new java.net.Socket(sockets.url().getHost(), sockets.url().getPort())) {
      socket.setSoTimeout(5_000);
      socket.getOutputStream().write(("GET /?token=forged HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
          + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
          + "Connection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);

      assertThat(answer).startsWith("HTTP/1.1 401").containsIgnoringCase("content-type: application/problem+json")
          .contains("\"status\":401").contains("realtime/token").doesNotContain("<html");
    }
  }
}
