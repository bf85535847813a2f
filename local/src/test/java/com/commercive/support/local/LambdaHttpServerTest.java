package com.commercive.support.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What the local API server answers itself, before or instead of the function: problem documents. */
class LambdaHttpServerTest {
  final AtomicInteger invocations = new AtomicInteger();
  final LambdaHttpServer.Routes functions = new LambdaHttpServer.Routes(new LambdaHttpServer.Function("api-handler",
      (event, context) -> {
        invocations.incrementAndGet();
        return APIGatewayV2HTTPResponse.builder().withStatusCode(200).withBody("{}").build();
      }), Map.of());

  /** The raw HTTP answer to {@code request}: status, headers and body. */
  record Answer(int status, Map<String, String> headers, String body) {}

  static Answer exchange(int port, String request) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(15_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      String raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      String[] parts = raw.split("\r\n\r\n", 2);
      String[] lines = parts[0].split("\r\n");
      Map<String, String> headers = new LinkedHashMap<>();
      for (int i = 1; i < lines.length; i++) {
        String[] header = lines[i].split(":", 2);
        headers.put(header[0].strip(), header.length > 1 ? header[1].strip() : "");
      }
      return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers, parts.length > 1 ? parts[1] : "");
    }
  }

  @Test
  void aBodyThatNeverFinishesIsA408ProblemWithItsRequestIdAndNoInternals() throws Exception {
    try (LambdaHttpServer server = LambdaHttpServer.start("127.0.0.1", FreePorts.find(), functions, 1_000)) {
      Answer answer = exchange(server.port(), "POST /support/tickets HTTP/1.1\r\nHost: localhost\r\n"
          + "Content-Type: application/json\r\nContent-Length: 100\r\nConnection: close\r\n\r\n{\"subject\":");

      assertThat(answer.status()).isEqualTo(408);
      JsonNode problem = new ObjectMapper().readTree(answer.body());
      assertThat(problem.get("status").asInt()).isEqualTo(408);
      assertThat(problem.get("request_id").asText()).isNotBlank();
      assertThat(answer.body()).doesNotContain("Exception").doesNotContain("java.").doesNotContain("timeout expired");
      com.commercive.support.api.OpenApiContract.load().checkProblem(408, answer.headers(), answer.body());
      assertThat(invocations).hasValue(0);
    }
  }

  @Test
  void aRequestJettyCannotReadIsAProblemWithARequestIdAndNoInternals() throws Exception {
    try (LambdaHttpServer server = LambdaHttpServer.start("127.0.0.1", FreePorts.find(), functions)) {
      Answer answer = exchange(server.port(), "GET /support/tickets HTTP/1.1\r\nHost: localhost\r\n"
          + "X-Big: " + "a".repeat(LambdaHttpServer.MAX_HEADER_BYTES + 10) + "\r\nConnection: close\r\n\r\n");

      assertThat(answer.status()).isEqualTo(431);
      assertThat(new ObjectMapper().readTree(answer.body()).get("request_id").asText()).isNotBlank();
      assertThat(answer.body()).doesNotContain("Exception").doesNotContain("java.");
      com.commercive.support.api.OpenApiContract.load().checkProblem(431, answer.headers(), answer.body());
    }
  }
}
