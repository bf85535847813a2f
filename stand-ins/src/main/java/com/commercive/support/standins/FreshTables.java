package com.commercive.support.standins;

import com.commercive.support.resources.TableNames;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** A client of the tests' DynamoDB Local and tables no other test class uses; closing it closes the client. */
public record FreshTables(DynamoDbClient client, TableNames names) implements AutoCloseable {
  /** {@code interceptors} see every call the client makes. */
  public static FreshTables create(ExecutionInterceptor... interceptors) {
    DynamoDbClient client = DynamoDbLocalServer.client(interceptors);
    return new FreshTables(client, DynamoDbLocalServer.createTables(client));
  }

  @Override
  public void close() {
    client.close();
  }
}
