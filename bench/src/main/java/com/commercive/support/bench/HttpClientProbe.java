package com.commercive.support.bench;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.crt.AwsCrtHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Runs in a fresh JVM: builds a DynamoDB client on one HTTP client, makes one GetItem, and
 * prints the times from JVM start and the classes loaded. Driven by {@link HttpClientColdStartBench}.
 * Arguments: the HTTP client (url-connection, apache, crt), the DynamoDB endpoint, the users table.
 */
public final class HttpClientProbe {
  private HttpClientProbe() {}

  public static void main(String[] args) {
    long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
    SdkHttpClient http = switch (args[0]) {
      case "url-connection" -> UrlConnectionHttpClient.builder()
          .connectionTimeout(Duration.ofSeconds(2)).socketTimeout(Duration.ofSeconds(5)).build();
      case "apache" -> ApacheHttpClient.builder()
          .connectionTimeout(Duration.ofSeconds(2)).socketTimeout(Duration.ofSeconds(5)).build();
      case "crt" -> AwsCrtHttpClient.builder().connectionTimeout(Duration.ofSeconds(2)).build();
      default -> throw new IllegalArgumentException(args[0]);
    };
    try (DynamoDbClient dynamoDb = DynamoDbClient.builder().region(Region.US_EAST_1).httpClient(http)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .endpointOverride(URI.create(args[1])).build()) {
      long built = System.currentTimeMillis();
      var item = dynamoDb.getItem(r -> r.tableName(args[2]).key(Map.of("user_id", AttributeValue.fromS("demo-user"))));
      long answered = System.currentTimeMillis();
      if (!item.hasItem()) {
        throw new IllegalStateException("demo-user not found");
      }
      System.out.printf("HTTPCLIENT %s built_ms=%d first_response_ms=%d classes=%d%n", args[0],
          built - jvmStart, answered - jvmStart, ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount());
    }
    http.close();
  }
}
