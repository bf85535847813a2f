package com.commercive.support.inbound;

import com.commercive.support.email.InboundScreen.DropReason;
import com.commercive.support.service.ReceiveReply;
import com.commercive.support.service.ReceiveReply.Outcome;
import com.commercive.support.store.FileStorage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The inbound-email function's use case: the raw mail SES stored is read, its new text taken out
 * ({@link MimeMail}, {@link ReplyBody}) and handed to {@link ReceiveReply}. A mail that cannot be
 * read is dropped as {@code unreadable}: redelivery would read it no better, and its raw copy stays
 * in the bucket for a person to look at.
 */
public final class InboundEmailService {
  /** SES accepts mail up to 40 MB: anything larger in the bucket is not what SES stored. */
  static final int MAX_RAW_BYTES = 40 * 1024 * 1024;

  private final FileStorage storage;
  private final ReceiveReply receive;

  public InboundEmailService(FileStorage storage, ReceiveReply receive) {
    this.storage = storage;
    this.receive = receive;
  }

  /**
   * Takes one received mail.
   *
   * @throws IllegalStateException the raw mail is not (yet) in the bucket: the record is retried
   */
  public Outcome take(SesNotification notification) {
    byte[] raw = raw(notification.objectKey());
    InboundMail mail;
    try {
      mail = MimeMail.read(raw);
    } catch (UnreadableMailException unreadable) {
      return new Outcome.Dropped(DropReason.UNREADABLE);
    }
    // The envelope's recipients are ours; the headers may name others (a Bcc, a forward).
    List<String> to = new ArrayList<>(notification.recipients());
    to.addAll(mail.to());
    String id = mail.messageId().isBlank() ? "<" + notification.sesMessageId() + "@ses>" : mail.messageId();
    return receive.receive(new ReceiveReply.ReceivedMail(id, mail.from().orElse(""), List.copyOf(to),
        mail.headers(), notification.source(), notification.verdicts(), mail.subject(), ReplyBody.newText(mail)));
  }

  private byte[] raw(String key) {
    try (InputStream in = storage.open(key).orElseThrow(
        () -> new IllegalStateException("the raw mail is not in the bucket (yet)"))) {
      byte[] bytes = in.readNBytes(MAX_RAW_BYTES + 1);
      if (bytes.length > MAX_RAW_BYTES) {
        throw new IllegalStateException("the stored mail is larger than SES accepts");
      }
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException("the raw mail could not be read", e);
    }
  }
}
