package com.commercive.support.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The SES stand-in ({@code aws-ses-v2-local}, installed by the build from
 * {@code local/ses-standin/package.json}) as a child process on loopback. Its web page lists every
 * email sent; {@code GET /store} returns them as JSON.
 */
final class LocalSes implements AutoCloseable {
  static final String CLI = "node_modules/aws-ses-v2-local/dist/cli.js";
  private final Process process;
  private final URI endpoint;

  private LocalSes(Process process, URI endpoint) {
    this.process = process;
    this.endpoint = endpoint;
  }

  static LocalSes start(String host, int requestedPort, Map<String, String> env) {
    int port = requestedPort == 0 ? FreePorts.find() : requestedPort;
    if (!FreePorts.isFree(host, port)) {
      throw new PortInUseException("The SES stand-in", port);
    }
    Path directory = installation(env);
    Path log = directory.resolve("ses-standin.log");
    Process process;
    try {
      process = new ProcessBuilder("node", CLI, "--host", host, "--port", Integer.toString(port))
          .directory(directory.toFile())
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .start();
    } catch (IOException e) {
      throw new IllegalStateException(
          "the SES stand-in needs node (20 or later) on the PATH: " + e.getMessage(), e);
    }
    URI endpoint = URI.create("http://" + host + ":" + port);
    LocalSes ses = new LocalSes(process, endpoint);
    ses.awaitHealthy(Duration.ofSeconds(20), log);
    return ses;
  }

  /** Where {@code npm ci} installed the stand-in: SES_STANDIN_DIR, or next to this module. */
  static Path installation(Map<String, String> env) {
    List<Path> candidates = new ArrayList<>();
    if (env.get("SES_STANDIN_DIR") != null) {
      candidates.add(Path.of(env.get("SES_STANDIN_DIR")));
    }
    candidates.add(Path.of("ses-standin"));
    candidates.add(Path.of("local", "ses-standin"));
    try {
      Path jar = Path.of(LocalSes.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      // local/target/classes or local/target/commercive-support-local.jar → local/ses-standin
      candidates.add(jar.getParent().getParent().resolve("ses-standin"));
    } catch (java.net.URISyntaxException | SecurityException | NullPointerException unknownLocation) {
      // No code location (an unusual class loader): the candidates above, then the error below.
    }
    for (Path candidate : candidates) {
      if (Files.isRegularFile(candidate.resolve(CLI))) {
        return candidate.toAbsolutePath();
      }
    }
    throw new IllegalStateException("the SES stand-in is not installed: run the build "
        + "(mvn -DskipTests install runs npm ci in local/ses-standin), or set SES_STANDIN_DIR");
  }

  private void awaitHealthy(Duration timeout, Path log) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the SES stand-in exited; see " + log);
      }
      try {
        HttpResponse<Void> response = http.send(
            HttpRequest.newBuilder(endpoint.resolve("/health-check")).timeout(Duration.ofSeconds(1)).build(),
            HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // Still starting.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while starting the SES stand-in", e);
      }
      sleep(100);
    }
    close();
    throw new IllegalStateException("the SES stand-in did not start within " + timeout + "; see " + log);
  }

  URI endpoint() {
    return endpoint;
  }

  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
