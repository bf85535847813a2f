package com.commercive.support.config;

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
    if (env.has("AWS_ENDPOINT_URL")) {
      credentials = Optional.of(new StaticCredentials(
          env.value("AWS_ACCESS_KEY_ID").orElse("local"), env.value("AWS_SECRET_ACCESS_KEY").orElse("local")));
    }
    return new AwsSettings(
        env.value("AWS_REGION").or(() -> env.value("AWS_DEFAULT_REGION")).orElse(DEFAULT_REGION),
        credentials,
        endpoint(env, "DYNAMODB"),
        endpoint(env, "SQS"),
        endpoint(env, "SES"),
        endpoint(env, "SECRETS_MANAGER"),
        endpoint(env, "BEDROCK_RUNTIME"),
        endpoint(env, "S3"));
  }

  private static Optional<URI> endpoint(Environment env, String service) {
    String name = "AWS_ENDPOINT_URL_" + service;
    return env.value(name).map(v -> Environment.url(name, v))
        .or(() -> env.url("AWS_ENDPOINT_URL"));
  }
}
