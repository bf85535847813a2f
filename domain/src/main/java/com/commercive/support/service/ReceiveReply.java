package com.commercive.support.service;

import com.commercive.support.domain.NotFoundException;
import com.commercive.support.domain.SenderType;
import com.commercive.support.domain.Ticket;
import com.commercive.support.email.InboundScreen;
import com.commercive.support.email.InboundScreen.DropReason;
import com.commercive.support.email.InboundScreen.Verdicts;
import com.commercive.support.email.ReplyAddresses;
import com.commercive.support.store.TicketRepository;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A reply by email becomes a message on its ticket, through the one way a message is appended: the
 * mail is screened ({@link InboundScreen}), its reply address must verify for its sender, its new
 * text must not be empty, and its sender must be within the same hourly message limit as in the
 * app. The message's id is derived from the mail's {@code Message-ID}, so a mail delivered twice
 * is appended once. Whatever fails, the mail is dropped with its reason and nobody is answered.
 */
public final class ReceiveReply {
  /** A received mail as this use case needs it, its new text already read out of it. */
  public record ReceivedMail(String messageId, String from, List<String> to, Map<String, List<String>> headers,
      String returnPath, Verdicts verdicts, String newText) {}

  /** What became of a mail: appended to a ticket as a message, or dropped for a reason. */
  public sealed interface Outcome {
    record Appended(String ticketId, String messageId) implements Outcome {}

    record Dropped(DropReason reason) implements Outcome {}
  }

  private final TicketRepository tickets;
  private final AppendMessage append;
  private final ReplyAddresses replies;
  private final RateLimiter limits;

  public ReceiveReply(TicketRepository tickets, AppendMessage append, ReplyAddresses replies, RateLimiter limits) {
    this.tickets = tickets;
    this.append = append;
    this.replies = replies;
    this.limits = limits;
  }

  /**
   * Appends the mail's new text to its ticket, or says why not.
   *
   * @throws IllegalArgumentException a mail without an id (the caller gives SES's when the mail has no {@code Message-ID})
   */
  public Outcome receive(ReceivedMail mail) {
    if (mail.messageId() == null || mail.messageId().isBlank()) {
      throw new IllegalArgumentException("a received mail needs an id to be taken once");
    }
    Optional<DropReason> screened = InboundScreen.screen(mail.headers(), mail.from(), mail.returnPath(),
        mail.verdicts());
    if (screened.isPresent()) {
      return new Outcome.Dropped(screened.get());
    }
    Optional<ReplyAddresses.Addressee> addressee = mail.to().stream()
        .map(to -> replies.addresseeOf(to, mail.from()))
        .flatMap(Optional::stream)
        .findFirst();
    if (addressee.isEmpty()) {
      return new Outcome.Dropped(DropReason.NOT_A_REPLY);
    }
    Optional<Ticket> ticket = tickets.find(addressee.get().ticketId());
    if (ticket.isEmpty()) {
      return new Outcome.Dropped(DropReason.NOT_A_REPLY);
    }
    if (mail.newText() == null || mail.newText().isBlank()) {
      return new Outcome.Dropped(DropReason.EMPTY);
    }
    // The address was issued to the ticket's owner: the reply is theirs, counted like their messages in the app.
    String sender = ticket.get().userId();
    if (limits.tryAcquire(RateLimiter.Limit.MESSAGES, sender).isPresent()) {
      return new Outcome.Dropped(DropReason.RATE_LIMITED);
    }
    String messageId = messageId(mail.messageId());
    try {
      AppendMessage.Result<Void> result = append.append(ticket.get().ticketId(),
          AppendMessage.Draft.of(messageId, sender, SenderType.USER, mail.newText(), null, List.of(), false));
      return result.alreadyAppended()
          ? new Outcome.Dropped(DropReason.DUPLICATE)
          : new Outcome.Appended(ticket.get().ticketId(), messageId);
    } catch (NotFoundException gone) {
      return new Outcome.Dropped(DropReason.NOT_A_REPLY);
    }
  }

  /** The message id a mail becomes: the same for every delivery of the same {@code Message-ID}. */
  static String messageId(String mailMessageId) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(mailMessageId.strip().getBytes(StandardCharsets.UTF_8));
      return "mail-" + HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
