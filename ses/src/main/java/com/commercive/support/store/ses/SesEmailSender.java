package com.commercive.support.store.ses;

import com.commercive.support.email.Email;
import com.commercive.support.email.EmailSender;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ses.SesClient;

/**
 * Sends email through Amazon SES as a raw message ({@link RawEmail}), so it carries its reply
 * address and threading headers; throttling and 5xx are retried by the client. The classic SES API
 * does all this needs in a client half the size of the v2 one, which keeps the notifier's jar small
 * (docs/performance.md).
 */
public final class SesEmailSender implements EmailSender {
  private final SesClient ses;
  private final String from;

  public SesEmailSender(SesClient ses, String from) {
    this.ses = ses;
    this.from = from;
  }

  @Override
  public String send(Email email) {
    return ses.sendRawEmail(r -> r.source(from).destinations(email.to())
        .rawMessage(m -> m.data(SdkBytes.fromByteArray(RawEmail.of(email, from))))).messageId();
  }
}
