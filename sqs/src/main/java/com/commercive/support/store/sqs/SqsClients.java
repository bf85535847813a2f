package com.commercive.support.store.sqs;

import com.commercive.support.config.AwsClients;
import com.commercive.support.config.SupportConfig;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The SQS client, built once per cold start with the shared client set-up of {@link AwsClients}. */
public final class SqsClients {
  private SqsClients() {}

  public static SqsClient create(SupportConfig config) {
    return AwsClients.standard(SqsClient.builder(), config.aws(), config.aws().sqsEndpoint()).build();
  }
}
