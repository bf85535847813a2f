package com.commercive.support.assistant.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Any OpenAI-compatible chat completions endpoint (OpenAI, vLLM, Ollama, ...). The base URL goes
 * up to and including {@code /v1}, as the official clients take it. 429 and 5xx answers,
 * timeouts and connection failures are retried with backoff, a bounded number of times.
 */
public final class OpenAiChatModel implements ChatModel {
  static final int MAX_TOKENS = 700;
  static final double TEMPERATURE = 0.2;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final URI endpoint;
  private final Optional<String> apiKey;
  private final String model;
  private final Duration timeout;
  private final Retrier retrier;

  public OpenAiChatModel(
      HttpClient http, URI baseUrl, Optional<String> apiKey, String model, Duration timeout, Retrier retrier) {
    this.http = http;
    String base = baseUrl.toString();
    this.endpoint = URI.create((base.endsWith("/") ? base : base + "/") + "chat/completions");
    this.apiKey = apiKey;
    this.model = model;
    this.timeout = timeout;
    this.retrier = retrier;
  }

  @Override
  public String name() {
    return "openai";
  }

  @Override
  public String complete(String system, List<ChatMessage> messages) {
    byte[] body = requestBody(system, messages);
    return retrier.call(() -> send(body));
  }

  private String send(byte[] body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    apiKey.ifPresent(key -> request.header("Authorization", "Bearer " + key));
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // Includes HttpTimeoutException: worth another try.
      throw new ChatModelException("openai request failed: " + e.getClass().getSimpleName(), true, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChatModelException("interrupted", false, e);
    }
    int status = response.statusCode();
    if (status == 429 || status >= 500) {
      throw new RetryableStatusException(status, retryAfter(response));
    }
    if (status != 200) {
      throw new ChatModelException("openai answered " + status, false, null);
    }
    return content(response.body());
  }

  private byte[] requestBody(String system, List<ChatMessage> messages) {
    ObjectNode body = JSON.createObjectNode();
    body.put("model", model);
    body.put("temperature", TEMPERATURE);
    body.put("max_tokens", MAX_TOKENS);
    ArrayNode list = body.putArray("messages");
    list.addObject().put("role", "system").put("content", system);
    for (ChatMessage message : messages) {
      list.addObject()
          .put("role", message.role().name().toLowerCase(Locale.ROOT))
          .put("content", message.text());
    }
    try {
      return JSON.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new IllegalStateException("a tree of strings always serialises", e);
    }
  }

  private static String content(String body) {
    try {
      JsonNode content = JSON.readTree(body).path("choices").path(0).path("message").path("content");
      if (!content.isTextual() || content.textValue().isBlank()) {
        throw new ChatModelException("openai returned no message content", false, null);
      }
      return content.textValue().strip();
    } catch (IOException e) {
      throw new ChatModelException("openai returned malformed JSON", false, e);
    }
  }

  private static Optional<Duration> retryAfter(HttpResponse<?> response) {
    return response.headers().firstValue("Retry-After").flatMap(value -> {
      try {
        return Optional.of(Duration.ofSeconds(Long.parseLong(value.strip())));
      } catch (NumberFormatException notSeconds) {
        return Optional.empty();
      }
    });
  }
}
