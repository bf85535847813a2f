package com.commercive.support.local;

import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBServerHandler;
import java.io.IOException;
import java.net.BindException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;

/**
 * DynamoDB Local, in this process, as a server: in shared-database mode so that any credentials
 * and region see the same tables; in memory unless a data folder is given. Its request handler
 * runs on a Jetty connector bound to one host (loopback), where its own launcher would listen on
 * every interface, and with no telemetry (nothing leaves the machine). A transaction is answered only
 * once it is committed ({@link DurableTransactionsRequestHandler}).
 */
final class LocalDynamoDb implements AutoCloseable {
  private final Server server;
  private final LocalDynamoDBServerHandler handler;
  private final String host;
  private final int port;

  private LocalDynamoDb(Server server, LocalDynamoDBServerHandler handler, String host, int port) {
    this.server = server;
    this.handler = handler;
    this.host = host;
    this.port = port;
  }

  static LocalDynamoDb start(String host, int port, Path dataDirectory) {
    String dbPath = null;
    if (dataDirectory != null) {
      try {
        dbPath = Files.createDirectories(dataDirectory).toAbsolutePath().toString();
      } catch (IOException e) {
        throw new IllegalArgumentException(
            "DYNAMODB_DATA_DIR " + dataDirectory + " cannot be used: " + e.getMessage());
      }
    }
    var requests = new DurableTransactionsRequestHandler(dataDirectory == null, dbPath);
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost(host);
    connector.setPort(port);
    server.addConnector(connector);
    LocalDynamoDBServerHandler handler = new LocalDynamoDBServerHandler(requests, null);
    ContextHandler context = new ContextHandler();
    context.setHandler(handler);
    server.setHandler(context);
    try {
      server.start();
    } catch (Exception e) {
      stopQuietlyAfterFailure(server, e);
      if (causedByBind(e)) {
        throw new PortInUseException("DynamoDB Local", port);
      }
      throw new IllegalStateException("DynamoDB Local did not start: " + e.getMessage(), e);
    }
    return new LocalDynamoDb(server, handler, host, connector.getLocalPort());
  }

  URI endpoint() {
    return URI.create("http://" + host + ":" + port);
  }

  /** Stops serving, then closes the database (a data folder's file is complete after this). */
  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("DynamoDB Local did not stop cleanly", e);
    } finally {
      handler.close();
    }
  }

  private static void stopQuietlyAfterFailure(Server server, Exception cause) {
    try {
      server.stop();
    } catch (Exception stopFailure) {
      cause.addSuppressed(stopFailure);
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
