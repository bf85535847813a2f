package com.commercive.support.inbound;

import com.commercive.support.email.InboundScreen.DropReason;
import com.commercive.support.email.ReplyAddresses;
import com.commercive.support.service.MailFiles;
import com.commercive.support.service.ReceiveReply;
import com.commercive.support.service.ReceiveReply.Outcome;
import com.commercive.support.store.FileStorage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The inbound-email function's use case: the raw mail SES stored is read, its new text taken out
 * ({@link MimeMail}, {@link ReplyBody}) and handed to {@link ReceiveReply}. A mail that cannot be
 * read fails its record, naming the object key: after its retries it waits in the dead-letter queue
 * (which alarms), its raw copy in the bucket, for a person to look at and redrive once it can be read.
 */
public final class InboundEmailService {
  /** SES accepts mail up to 40 MB: anything larger in the bucket is not what SES stored. */
  static final int MAX_RAW_BYTES = 40 * 1024 * 1024;

  private final FileStorage storage;
  private final ReplyKeys keys;
  private final Function<ReplyAddresses, ReceiveReply> receiving;
  private ReceiveReply receive;

  /** With reply keys that never change (local runs, tests). */
  public InboundEmailService(FileStorage storage, ReceiveReply receive) {
    this.storage = storage;
    this.keys = null;
    this.receiving = null;
    this.receive = receive;
  }

  /**
   * With reply keys read again when a reply address does not verify ({@link ReplyKeys}).
   *
   * @param receiving the use case over a set of reply keys
   */
  InboundEmailService(FileStorage storage, ReplyKeys keys, Function<ReplyAddresses, ReceiveReply> receiving) {
    this.storage = storage;
    this.keys = keys;
    this.receiving = receiving;
    this.receive = receiving.apply(keys.current());
  }

  /**
   * Takes one received mail.
   *
   * @throws IllegalStateException the raw mail is not (yet) in the bucket, or cannot be read: the record is retried
   */
  public Outcome take(SesNotification notification) {
    byte[] raw = raw(notification.objectKey());
    InboundMail mail;
    try {
      mail = MimeMail.read(raw);
    } catch (UnreadableMailException unreadable) {
      throw new IllegalStateException("the mail stored at " + notification.objectKey() + " cannot be read", unreadable);
    }
    // The envelope's recipients are ours; the headers may name others (a Bcc, a forward).
    List<String> to = new ArrayList<>(notification.recipients());
    to.addAll(mail.to());
    String id = mail.messageId().isBlank() ? "<" + notification.sesMessageId() + "@ses>" : mail.messageId();
    ReceiveReply.ReceivedMail received = new ReceiveReply.ReceivedMail(id, mail.from().orElse(""), List.copyOf(to),
        mail.headers(), notification.source(), notification.verdicts(), mail.subject(), ReplyBody.newText(mail),
        mail.attachments().stream().map(file -> new MailFiles.MailFile(file.filename(), file.contentType(),
            file.bytes())).toList());
    Outcome outcome = receive.receive(received);
    if (keys != null && outcome.equals(new Outcome.Dropped(DropReason.NOT_A_REPLY))) {
      // Perhaps signed with a key rotated in after this instance read its keys: read them again, once.
      Optional<ReplyAddresses> reread = keys.reread();
      if (reread.isPresent()) {
        receive = receiving.apply(reread.get());
        outcome = receive.receive(received);
      }
    }
    return outcome;
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
