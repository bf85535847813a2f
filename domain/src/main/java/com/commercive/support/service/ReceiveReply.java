package com.commercive.support.service;

import com.commercive.support.domain.Caller;
import com.commercive.support.domain.NotFoundException;
import com.commercive.support.domain.RateLimitedException;
import com.commercive.support.domain.SenderType;
import com.commercive.support.domain.Ticket;
import com.commercive.support.domain.User;
import com.commercive.support.email.InboundScreen;
import com.commercive.support.email.InboundScreen.DropReason;
import com.commercive.support.email.InboundScreen.Verdicts;
import com.commercive.support.email.ReplyAddresses;
import com.commercive.support.store.AddressBook;
import com.commercive.support.store.TicketRepository;
import com.commercive.support.store.UserDirectory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A mail to the help desk becomes a message, through the one way a message is appended: a reply to
 * one of our reply addresses goes on its ticket as the message of the person it was issued to (the
 * ticket's owner, or the agent it was sent to), and a mail to the support address from a known
 * merchant opens a ticket of theirs. The mail is screened first ({@link InboundScreen}), its new
 * text must not be empty, and its sender must be within the same hourly limits as in the app; its
 * files go through the uploads' check ({@link MailFiles}). The ids are derived from the mail's
 * {@code Message-ID}, so a mail delivered twice is taken once.
 * Whatever fails, the mail is dropped with its reason and nobody is answered.
 */
public final class ReceiveReply {
  /** The support address's local part: {@code support@<INBOUND_EMAIL_DOMAIN>} opens tickets. */
  public static final String SUPPORT_LOCAL_PART = "support";
  /** The subject of a ticket opened by a mail whose subject is too short to be one. */
  static final String NO_SUBJECT = "Message by email";

  /** A received mail as this use case needs it, its new text already read out of it. */
  public record ReceivedMail(String messageId, String from, List<String> to, Map<String, List<String>> headers,
      String returnPath, Verdicts verdicts, String subject, String newText, List<MailFiles.MailFile> files) {
    public ReceivedMail {
      files = files == null ? List.of() : List.copyOf(files);
    }

    /** A mail without files. */
    public ReceivedMail(String messageId, String from, List<String> to, Map<String, List<String>> headers,
        String returnPath, Verdicts verdicts, String subject, String newText) {
      this(messageId, from, to, headers, returnPath, verdicts, subject, newText, List.of());
    }
  }

  /** What became of a mail: appended to a ticket as a message, a ticket opened, or dropped for a reason. */
  public sealed interface Outcome {
    /** {@code appended}, {@code opened} or {@code dropped}: what logs and metrics call it. */
    String kind();

    /** An outcome that wrote a message: the ticket and the message. */
    sealed interface Written extends Outcome {
      String ticketId();

      String messageId();
    }

    record Appended(String ticketId, String messageId) implements Written {
      @Override
      public String kind() {
        return "appended";
      }
    }

    record Opened(String ticketId, String messageId) implements Written {
      @Override
      public String kind() {
        return "opened";
      }
    }

    record Dropped(DropReason reason) implements Outcome {
      @Override
      public String kind() {
        return "dropped";
      }
    }
  }

  private final TicketRepository tickets;
  private final AppendMessage append;
  private final OpenTicket open;
  private final ReplyAddresses replies;
  private final UserDirectory users;
  private final AddressBook book;
  private final RateLimiter limits;
  private final MailFiles files;

  public ReceiveReply(TicketRepository tickets, AppendMessage append, OpenTicket open, ReplyAddresses replies,
      UserDirectory users, AddressBook book, RateLimiter limits, MailFiles files) {
    this.files = files;
    this.tickets = tickets;
    this.append = append;
    this.open = open;
    this.replies = replies;
    this.users = users;
    this.book = book;
    this.limits = limits;
  }

  /**
   * Appends the mail's new text to its ticket, or opens a ticket with it, or says why not.
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
    if (addressee.isPresent()) {
      return reply(mail, addressee.get());
    }
    String support = SUPPORT_LOCAL_PART + "@" + replies.domain();
    if (mail.to().stream().anyMatch(to -> to != null && to.strip().equalsIgnoreCase(support))) {
      return openTicket(mail);
    }
    return new Outcome.Dropped(DropReason.NOT_A_REPLY);
  }

  private Outcome reply(ReceivedMail mail, ReplyAddresses.Addressee addressee) {
    Optional<Ticket> ticket = tickets.find(addressee.ticketId());
    if (ticket.isEmpty()) {
      return new Outcome.Dropped(DropReason.NOT_A_REPLY);
    }
    if (mail.newText() == null || mail.newText().isBlank()) {
      return new Outcome.Dropped(DropReason.EMPTY);
    }
    String sender;
    SenderType type;
    if (addressee.role() == ReplyAddresses.Role.AGENT) {
      // Issued to a team address: taken from an agent who still holds that address, as their public reply.
      Optional<User> agent = userAt(mail.from()).filter(User::admin);
      if (agent.isEmpty()) {
        return new Outcome.Dropped(DropReason.UNKNOWN_SENDER);
      }
      sender = agent.get().userId();
      type = SenderType.ADMIN;
    } else {
      // Issued to the ticket's owner: the reply is theirs, counted like their messages in the app.
      sender = ticket.get().userId();
      type = SenderType.USER;
    }
    String messageId = messageId(mail.messageId());
    if (tickets.findMessage(messageId).isPresent()) {
      return new Outcome.Dropped(DropReason.DUPLICATE); // before the limit: a redelivery costs the sender nothing
    }
    if (limits.tryAcquire(RateLimiter.Limit.MESSAGES, sender).isPresent()) {
      return new Outcome.Dropped(DropReason.RATE_LIMITED);
    }
    MailFiles.Taken taken = files.take(ticket.get().ticketId(), sender, mail.messageId(), mail.files());
    try {
      AppendMessage.Result<Void> result = append.append(ticket.get().ticketId(),
          AppendMessage.Draft.of(messageId, sender, type, taken.appendedTo(mail.newText()), null, taken.attached(),
              false));
      return result.alreadyAppended()
          ? new Outcome.Dropped(DropReason.DUPLICATE)
          : new Outcome.Appended(ticket.get().ticketId(), messageId);
    } catch (NotFoundException gone) {
      return new Outcome.Dropped(DropReason.NOT_A_REPLY);
    }
  }

  private Outcome openTicket(ReceivedMail mail) {
    // Only a merchant the help desk has emailed at this address, and who still has it, opens tickets by mail.
    Optional<User> merchant = userAt(mail.from()).filter(user -> !user.admin());
    if (merchant.isEmpty()) {
      return new Outcome.Dropped(DropReason.UNKNOWN_SENDER);
    }
    if (mail.newText() == null || mail.newText().isBlank()) {
      return new Outcome.Dropped(DropReason.EMPTY);
    }
    String ticketId = ticketId(mail.messageId());
    if (tickets.find(ticketId).isPresent()) {
      return new Outcome.Dropped(DropReason.DUPLICATE);
    }
    User user = merchant.get();
    MailFiles.Taken taken = files.take(ticketId, user.userId(), mail.messageId(), mail.files());
    try {
      OpenTicket.TicketCreated created = open.open(new Caller(user.userId(), false, user.name(), user.email()),
          new OpenTicket.NewTicket(subjectOf(mail.subject()), null, taken.appendedTo(mail.newText())), ticketId,
          messageId(mail.messageId()), taken.attached());
      return new Outcome.Opened(created.ticket().ticketId(), created.message().messageId());
    } catch (RateLimitedException tooMany) {
      return new Outcome.Dropped(DropReason.RATE_LIMITED);
    }
  }

  /** The user whose address {@code from} is, when the book knows it and their record still says so. */
  private Optional<User> userAt(String from) {
    return book.userAt(from)
        .map(userId -> users.findAll(List.of(userId)).get(userId))
        .filter(user -> user.email() != null && user.email().strip().equalsIgnoreCase(from.strip()));
  }

  /** A mail's subject as a ticket's: on one line, cut to the longest subject, or a stand-in when too short. */
  static String subjectOf(String mailSubject) {
    String subject = mailSubject == null ? "" : mailSubject.replaceAll("[\\p{Cc}\\p{Zl}\\p{Zp}\\s]+", " ").strip();
    if (subject.codePointCount(0, subject.length()) < MessageRules.SUBJECT_MIN) {
      return NO_SUBJECT;
    }
    if (subject.codePointCount(0, subject.length()) > MessageRules.SUBJECT_MAX) {
      subject = subject.substring(0, subject.offsetByCodePoints(0, MessageRules.SUBJECT_MAX - 1)).strip() + "\u2026";
    }
    return subject;
  }

  /** The ticket a mail to the support address opens: the same for every delivery of the same {@code Message-ID}. */
  static String ticketId(String mailMessageId) {
    return UUID.nameUUIDFromBytes(("ticket by mail\n" + mailMessageId.strip()).getBytes(StandardCharsets.UTF_8))
        .toString();
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
