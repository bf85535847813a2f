package com.commercive.support.store.dynamodb;

import com.commercive.support.config.AwsClients;
import com.commercive.support.config.SupportConfig;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The DynamoDB client, built once per cold start with the shared client set-up of {@link AwsClients}. */
public final class DynamoDbClients {
  private DynamoDbClients() {}

  public static DynamoDbClient create(SupportConfig config) {
    return AwsClients.standard(DynamoDbClient.builder(), config.aws(), config.aws().dynamoDbEndpoint()).build();
  }
}
