package com.commercive.support.config;

import static com.commercive.support.resources.EnvironmentVariables.AWS_ACCESS_KEY_ID;
import static com.commercive.support.resources.EnvironmentVariables.AWS_DEFAULT_REGION;
import static com.commercive.support.resources.EnvironmentVariables.AWS_ENDPOINT_URL;
import static com.commercive.support.resources.EnvironmentVariables.AWS_ENDPOINT_URL_BEDROCK_RUNTIME;
import static com.commercive.support.resources.EnvironmentVariables.AWS_ENDPOINT_URL_DYNAMODB;
import static com.commercive.support.resources.EnvironmentVariables.AWS_ENDPOINT_URL_S3;
import static com.commercive.support.resources.EnvironmentVariables.AWS_ENDPOINT_URL_SECRETS_MANAGER;
import static com.commercive.support.resources.EnvironmentVariables.AWS_ENDPOINT_URL_SES;
import static com.commercive.support.resources.EnvironmentVariables.AWS_ENDPOINT_URL_SQS;
import static com.commercive.support.resources.EnvironmentVariables.AWS_REGION;
import static com.commercive.support.resources.EnvironmentVariables.AWS_SECRET_ACCESS_KEY;

import java.net.URI;
import java.util.Optional;

/**
 * Where the AWS services are: the region, and for local stand-ins an endpoint per service
 * ({@code AWS_ENDPOINT_URL_<SERVICE>}, else {@code AWS_ENDPOINT_URL}) with the access keys given
 * ({@code AWS_ACCESS_KEY_ID}...; "local" when unset). Without an override, clients use the
 * default credentials chain.
 */
public record AwsSettings(
    String region,
    Optional<StaticCredentials> staticCredentials,
    Optional<URI> dynamoDbEndpoint,
    Optional<URI> sqsEndpoint,
    Optional<URI> sesEndpoint,
    Optional<URI> secretsManagerEndpoint,
    Optional<URI> bedrockRuntimeEndpoint,
    Optional<URI> s3Endpoint) {

  public static final String DEFAULT_REGION = "us-east-1";

  /** Access keys given explicitly (local stand-ins); otherwise the default provider chain. */
  public record StaticCredentials(String accessKeyId, String secretAccessKey) {
    @Override
    public String toString() {
      return "StaticCredentials[accessKeyId=" + accessKeyId + ", secretAccessKey=***]";
    }
  }

  public static AwsSettings from(Environment env) {
    Optional<StaticCredentials> credentials = Optional.empty();
    if (env.has(AWS_ENDPOINT_URL)) {
      credentials = Optional.of(new StaticCredentials(
          env.value(AWS_ACCESS_KEY_ID).orElse("local"), env.value(AWS_SECRET_ACCESS_KEY).orElse("local")));
    }
    return new AwsSettings(
        env.value(AWS_REGION).or(() -> env.value(AWS_DEFAULT_REGION)).orElse(DEFAULT_REGION),
        credentials,
        endpoint(env, AWS_ENDPOINT_URL_DYNAMODB),
        endpoint(env, AWS_ENDPOINT_URL_SQS),
        endpoint(env, AWS_ENDPOINT_URL_SES),
        endpoint(env, AWS_ENDPOINT_URL_SECRETS_MANAGER),
        endpoint(env, AWS_ENDPOINT_URL_BEDROCK_RUNTIME),
        endpoint(env, AWS_ENDPOINT_URL_S3));
  }

  /** The service's own endpoint ({@code name}), else the shared one. */
  private static Optional<URI> endpoint(Environment env, String name) {
    return env.value(name).map(v -> Environment.url(name, v))
        .or(() -> env.url(AWS_ENDPOINT_URL));
  }
}
