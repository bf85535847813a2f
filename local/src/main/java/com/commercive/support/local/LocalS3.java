package com.commercive.support.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The S3 stand-in ({@code s3rver}, installed by the build from {@code local/s3-standin/package.json})
 * through {@code server.js}: it holds the attachments bucket (CORS for browser uploads from the
 * allowed origins) and delivers the bucket's "object created" notifications for the quarantine
 * prefix to the local checking queue, shaped as S3 sends them.
 *
 * <p>It refuses what S3 refuses, so that tests against it prove what the system signs: a request
 * without a valid SigV4 signature (Authorization header or presigned query, for the access key and
 * region given here, unexpired), and a browser upload that breaks its signed POST policy (the
 * policy's signature, its expiry, each condition, a field no condition names, a file outside the
 * size range). Object keys with {@code .} or {@code ..} segments are refused too: the stand-in
 * keeps objects as files under its data directory.
 */
final class LocalS3 implements AutoCloseable {
  private final NodeStandIn process;
  private final URI endpoint;
  private final Path directory;
  private final boolean temporary;

  private LocalS3(NodeStandIn process, URI endpoint, Path directory, boolean temporary) {
    this.process = process;
    this.endpoint = endpoint;
    this.directory = directory;
    this.temporary = temporary;
  }

  /**
   * What the stand-in serves, to whom and where it delivers notifications: requests must be signed
   * with this key pair for {@code region}; files in {@code dataDirectory} (null: a temporary one).
   */
  record Options(String bucket, String region, String queueUrl, String accessKeyId, String secretAccessKey,
      String corsOrigins, Path dataDirectory) {}

  static LocalS3 start(String host, int requestedPort, Options options, Map<String, String> env) {
    int port = requestedPort == 0 ? FreePorts.find() : requestedPort;
    if (!FreePorts.awaitFree(host, port, NodeStandIn.PORT_PATIENCE)) {
      throw new PortInUseException("The S3 stand-in", port);
    }
    Path installation = NodeStandIn.installation(env, "S3_STANDIN_DIR", "s3-standin", "the S3 stand-in",
        "server.js", "node_modules/s3rver/package.json");
    boolean temporary = options.dataDirectory() == null;
    Path data;
    try {
      data = temporary ? Files.createTempDirectory("commercive-s3-") : Files.createDirectories(options.dataDirectory());
    } catch (IOException e) {
      throw new IllegalStateException("cannot create the S3 stand-in's data directory: " + e.getMessage(), e);
    }
    NodeStandIn process = NodeStandIn.start("the S3 stand-in", installation, "s3-standin.log", List.of("server.js",
        "--host", host, "--port", Integer.toString(port), "--directory", data.toString(),
        "--bucket", options.bucket(), "--region", options.region(), "--queue-url", options.queueUrl(),
        "--access-key", options.accessKeyId(), "--secret-key", options.secretAccessKey(),
        "--cors-origins", options.corsOrigins()));
    LocalS3 s3 = new LocalS3(process, URI.create("http://" + host + ":" + port), data, temporary);
    process.awaitReady(Duration.ofSeconds(20), () -> listening(host, port));
    return s3;
  }

  private static boolean listening(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 500);
      return true;
    } catch (IOException notYet) {
      return false;
    }
  }

  URI endpoint() {
    return endpoint;
  }

  @Override
  public void close() {
    process.close();
    if (temporary) {
      try (var paths = Files.walk(directory)) {
        paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      } catch (IOException leftBehind) {
        // Only a temporary folder is left behind (the system stops either way); say where.
        System.err.println("the S3 stand-in's temporary files could not all be deleted: " + directory);
      }
    }
  }
}
