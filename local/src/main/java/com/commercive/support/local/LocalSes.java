package com.commercive.support.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The SES stand-in ({@code aws-ses-v2-local}, installed by the build from
 * {@code local/ses-standin/package.json}) as a child process on loopback. Its web page lists every
 * email sent; {@code GET /store} returns them as JSON.
 */
final class LocalSes implements AutoCloseable {
  static final String CLI = "node_modules/aws-ses-v2-local/dist/cli.js";
  private final NodeStandIn process;
  private final URI endpoint;

  private LocalSes(NodeStandIn process, URI endpoint) {
    this.process = process;
    this.endpoint = endpoint;
  }

  static LocalSes start(String host, int requestedPort, Map<String, String> env) {
    int port = requestedPort == 0 ? FreePorts.find() : requestedPort;
    if (!FreePorts.awaitFree(host, port, NodeStandIn.PORT_PATIENCE)) {
      throw new PortInUseException("The SES stand-in", port);
    }
    Path directory = installation(env);
    NodeStandIn process = NodeStandIn.start("the SES stand-in", directory, "ses-standin.log",
        List.of(CLI, "--host", host, "--port", Integer.toString(port)));
    URI endpoint = URI.create("http://" + host + ":" + port);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    process.awaitReady(Duration.ofSeconds(20), () -> healthy(http, endpoint));
    return new LocalSes(process, endpoint);
  }

  /** Where {@code npm ci} installed the stand-in: SES_STANDIN_DIR, or next to this module. */
  static Path installation(Map<String, String> env) {
    return NodeStandIn.installation(env, "SES_STANDIN_DIR", "ses-standin", "the SES stand-in", CLI);
  }

  private static boolean healthy(HttpClient http, URI endpoint) {
    try {
      HttpResponse<Void> response = http.send(
          HttpRequest.newBuilder(endpoint.resolve("/health-check")).timeout(Duration.ofSeconds(1)).build(),
          HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 200;
    } catch (IOException notYet) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the SES stand-in", e);
    }
  }

  URI endpoint() {
    return endpoint;
  }

  @Override
  public void close() {
    process.close();
  }
}
