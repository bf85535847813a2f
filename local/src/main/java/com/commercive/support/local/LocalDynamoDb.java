package com.commercive.support.local;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.net.BindException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * DynamoDB Local, in this process, as a server: in shared-database mode so that any credentials
 * and region see the same tables; in memory unless a data folder is given.
 */
final class LocalDynamoDb implements AutoCloseable {
  private final DynamoDBProxyServer server;
  private final int port;

  private LocalDynamoDb(DynamoDBProxyServer server, int port) {
    this.server = server;
    this.port = port;
  }

  static LocalDynamoDb start(int port, Path dataDirectory) {
    List<String> args = new ArrayList<>(List.of("-port", Integer.toString(port), "-sharedDb", "-disableTelemetry"));
    if (dataDirectory == null) {
      args.add("-inMemory");
    } else {
      args.add("-dbPath");
      args.add(dataDirectory.toAbsolutePath().toString());
    }
    DynamoDBProxyServer server;
    try {
      server = ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
      server.start();
    } catch (Exception e) {
      if (causedByBind(e)) {
        throw new PortInUseException("DynamoDB Local", port);
      }
      throw new IllegalStateException("DynamoDB Local did not start: " + e.getMessage(), e);
    }
    return new LocalDynamoDb(server, port);
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  int port() {
    return port;
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("DynamoDB Local did not stop cleanly", e);
    }
  }

  static boolean causedByBind(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BindException
          || (t.getMessage() != null && t.getMessage().contains("Address already in use"))) {
        return true;
      }
    }
    return false;
  }
}
