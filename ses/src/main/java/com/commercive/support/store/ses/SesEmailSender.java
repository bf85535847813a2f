package com.commercive.support.store.ses;

import com.commercive.support.email.Email;
import com.commercive.support.email.EmailSender;
import software.amazon.awssdk.services.ses.SesClient;

/**
 * Sends email through Amazon SES; throttling and 5xx are retried by the client. The classic SES
 * API does all this needs (one simple message, text and HTML) in a client half the size of the
 * v2 one, which keeps the notifier's jar under 15 MB (docs/performance.md).
 */
public final class SesEmailSender implements EmailSender {
  private static final String UTF_8 = "UTF-8";
  private final SesClient ses;
  private final String from;

  public SesEmailSender(SesClient ses, String from) {
    this.ses = ses;
    this.from = from;
  }

  @Override
  public void send(Email email) {
    ses.sendEmail(
        r ->
            r.source(from)
                .destination(d -> d.toAddresses(email.to()))
                .message(m -> m
                    .subject(s -> s.data(email.subject()).charset(UTF_8))
                    .body(b -> b
                        .text(t -> t.data(email.text()).charset(UTF_8))
                        .html(h -> h.data(email.html()).charset(UTF_8)))));
  }
}
