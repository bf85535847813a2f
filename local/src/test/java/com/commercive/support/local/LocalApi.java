package com.commercive.support.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** What the end-to-end tests do with a running local system: call its API, read its emails, wait. */
final class LocalApi {
  static final ObjectMapper JSON = new ObjectMapper();
  private final LocalSystem system;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  LocalApi(LocalSystem system) {
    this.system = system;
  }

  /** Calls the API and returns the JSON body, asserting a 2xx answer. */
  JsonNode call(String method, String path, String token, String body) {
    try {
      var response = http.send(HttpRequest.newBuilder(URI.create(system.apiUrl() + path))
          .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
          .header("Content-Type", "application/json")
          .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body)).build(),
          BodyHandlers.ofString());
      OpenApiContract.check(method, path, response);
      assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Every email the SES stand-in holds. */
  JsonNode emails() {
    try {
      var response = http.send(HttpRequest.newBuilder(system.sesEndpoint().resolve("/store")).build(),
          BodyHandlers.ofString());
      return JSON.readTree(response.body()).get("emails");
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  static void await(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      pause(25);
    }
  }

  static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
