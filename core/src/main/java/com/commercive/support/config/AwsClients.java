package com.commercive.support.config;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Builds the SDK clients, once per cold start: region from the configuration, the light
 * URLConnection HTTP client, explicit timeouts and the standard retry policy, and the endpoint
 * override used for local stand-ins.
 */
public final class AwsClients {
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
  static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(5);
  static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(5);
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(12);

  private AwsClients() {}

  public static DynamoDbClient dynamoDb(SupportConfig config) {
    var builder =
        DynamoDbClient.builder()
            .region(Region.of(config.awsRegion()))
            .credentialsProvider(credentials(config))
            .httpClient(httpClient())
            .overrideConfiguration(
                o ->
                    o.apiCallAttemptTimeout(ATTEMPT_TIMEOUT)
                        .apiCallTimeout(CALL_TIMEOUT)
                        .retryStrategy(RetryMode.STANDARD));
    config.awsEndpoint().ifPresent(builder::endpointOverride);
    return builder.build();
  }

  private static SdkHttpClient httpClient() {
    return UrlConnectionHttpClient.builder()
        .connectionTimeout(CONNECT_TIMEOUT)
        .socketTimeout(SOCKET_TIMEOUT)
        .build();
  }

  private static AwsCredentialsProvider credentials(SupportConfig config) {
    return config
        .staticCredentials()
        .<AwsCredentialsProvider>map(
            c ->
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(c.accessKeyId(), c.secretAccessKey())))
        .orElseGet(() -> DefaultCredentialsProvider.builder().build());
  }
}
