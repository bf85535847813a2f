package com.commercive.support.inbound;

import com.commercive.support.email.ReplyText;

/** What the person newly wrote in a mail: its plain text when it has one, else its HTML as text. */
public final class ReplyBody {
  private ReplyBody() {}

  public static String newText(InboundMail mail) {
    if (mail.text().isPresent() && !mail.text().get().isBlank()) {
      return ReplyText.newText(mail.text().get());
    }
    return mail.html().map(html -> ReplyText.newText(HtmlText.toText(html))).orElse("");
  }
}
