package com.commercive.support.notifier;

import com.commercive.support.pipeline.Email;
import com.commercive.support.pipeline.EmailSender;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/** Sends email through Amazon SES (v2 API); throttling and 5xx are retried by the client. */
public final class SesEmailSender implements EmailSender {
  private static final String UTF_8 = "UTF-8";
  private final SesV2Client ses;
  private final String from;

  public SesEmailSender(SesV2Client ses, String from) {
    this.ses = ses;
    this.from = from;
  }

  @Override
  public void send(Email email) {
    ses.sendEmail(
        r ->
            r.fromEmailAddress(from)
                .destination(d -> d.toAddresses(email.to()))
                .content(c -> c.simple(m -> m
                    .subject(s -> s.data(email.subject()).charset(UTF_8))
                    .body(b -> b
                        .text(t -> t.data(email.text()).charset(UTF_8))
                        .html(h -> h.data(email.html()).charset(UTF_8))))));
  }
}
