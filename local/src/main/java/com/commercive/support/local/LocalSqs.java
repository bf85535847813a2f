package com.commercive.support.local;

import java.net.URI;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/** ElasticMQ, in this process: an SQS-compatible server on loopback. */
final class LocalSqs implements AutoCloseable {
  private final SQSRestServer server;
  private final String host;
  private final int port;

  private LocalSqs(SQSRestServer server, String host, int port) {
    this.server = server;
    this.host = host;
    this.port = port;
  }

  static LocalSqs start(String host, int port) {
    var builder = SQSRestServerBuilder.withInterface(host).withAWSRegion("us-east-1")
        .withAWSAccountId("000000000000");
    builder = port == 0 ? builder.withDynamicPort() : builder.withPort(port);
    SQSRestServer server = builder.start();
    try {
      int bound = server.waitUntilStarted().localAddress().getPort();
      return new LocalSqs(server, host, bound);
    } catch (RuntimeException e) {
      server.stopAndWait();
      if (LocalDynamoDb.causedByBind(e)) {
        throw new PortInUseException("ElasticMQ (SQS)", port);
      }
      throw new IllegalStateException("ElasticMQ did not start: " + e.getMessage(), e);
    }
  }

  URI endpoint() {
    return URI.create("http://" + host + ":" + port);
  }

  @Override
  public void close() {
    server.stopAndWait();
  }
}
