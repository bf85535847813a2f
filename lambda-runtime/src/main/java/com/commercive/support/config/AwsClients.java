package com.commercive.support.config;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

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

  /** The shared set-up with the standard timeouts and three attempts: what most clients use. */
  public static <B extends AwsSyncClientBuilder<B, ?> & AwsClientBuilder<B, ?>> B standard(
      B builder, AwsSettings aws, Optional<URI> endpoint) {
    return configure(builder, aws, endpoint, SOCKET_TIMEOUT, ATTEMPT_TIMEOUT, CALL_TIMEOUT, 3);
  }

  /**
   * Applies the shared client set-up to any service's builder: region, credentials, the
   * URLConnection HTTP client, timeouts, the standard retry policy with {@code maxAttempts}, and
   * the endpoint override when there is one.
   */
  public static <B extends AwsSyncClientBuilder<B, ?> & AwsClientBuilder<B, ?>> B configure(
      B builder,
      AwsSettings aws,
      Optional<URI> endpoint,
      Duration socketTimeout,
      Duration attemptTimeout,
      Duration callTimeout,
      int maxAttempts) {
    builder
        .region(Region.of(aws.region()))
        .credentialsProvider(credentials(aws, endpoint))
        .httpClient(
            UrlConnectionHttpClient.builder()
                .connectionTimeout(CONNECT_TIMEOUT)
                .socketTimeout(socketTimeout)
                .build())
        .overrideConfiguration(
            o ->
                o.apiCallAttemptTimeout(attemptTimeout)
                    .apiCallTimeout(callTimeout)
                    .retryStrategy(
                        AwsRetryStrategy.standardRetryStrategy().toBuilder()
                            .maxAttempts(maxAttempts)
                            .build()));
    endpoint.ifPresent(builder::endpointOverride);
    return builder;
  }

  /** The local stand-ins' static keys when {@code endpoint} is overridden, else the default provider chain. */
  public static AwsCredentialsProvider credentials(AwsSettings aws, Optional<URI> endpoint) {
    return aws
        .staticCredentials()
        .filter(c -> endpoint.isPresent())
        .<AwsCredentialsProvider>map(
            c ->
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(c.accessKeyId(), c.secretAccessKey())))
        .orElseGet(() -> DefaultCredentialsProvider.builder().build());
  }
}
