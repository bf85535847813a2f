package com.commercive.support.store.ses;

import com.commercive.support.config.AwsClients;
import com.commercive.support.config.SupportConfig;
import com.commercive.support.email.EmailSender;
import java.time.Duration;
import software.amazon.awssdk.services.ses.SesClient;

/** The one place the SES adapter is built: the client once per cold start, the sender over it. */
public final class SesClients {
  private SesClients() {}

  /** Email from the configured address through SES (or its local stand-in). */
  public static EmailSender emailSender(SupportConfig config) {
    return new SesEmailSender(client(config), config.email().senderAddress());
  }

  static SesClient client(SupportConfig config) {
    return AwsClients.configure(SesClient.builder(), config.aws(), config.aws().sesEndpoint(),
            Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(20), 4)
        .build();
  }
}
