package com.commercive.support.standins;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import com.commercive.support.resources.TableNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * One in-memory DynamoDB Local server per test JVM, started on first use on a free loopback
 * port and stopped when the JVM exits. Each test class makes its own uniquely named tables.
 */
public final class DynamoDbLocalServer {
  private static URI endpoint;

  private DynamoDbLocalServer() {}

  public static synchronized URI endpoint() {
    if (endpoint == null) {
      int port = freePort();
      try {
        DynamoDBProxyServer server =
            ServerRunner.createServerFromCommandLineArgs(
                new String[] {"-inMemory", "-sharedDb", "-disableTelemetry", "-port", Integer.toString(port)});
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try {
            server.stop();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }));
      } catch (Exception e) {
        throw new IllegalStateException("DynamoDB Local did not start", e);
      }
      endpoint = URI.create("http://127.0.0.1:" + port);
    }
    return endpoint;
  }

  /** A client for the local server; {@code interceptors} see every call. */
  public static DynamoDbClient client(ExecutionInterceptor... interceptors) {
    return DynamoDbClient.builder()
        .endpointOverride(endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(30)).build())
        .overrideConfiguration(o -> {
          for (ExecutionInterceptor interceptor : interceptors) {
            o.addExecutionInterceptor(interceptor);
          }
        })
        .build();
  }

  /** Fresh tables with a unique prefix, so test classes never see each other's data. */
  public static TableNames createTables(DynamoDbClient client) {
    String prefix = "t" + UUID.randomUUID().toString().substring(0, 8) + "_";
    TableNames names = TableNames.defaults().withPrefix(prefix);
    LocalTables.createAll(client, names);
    return names;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
