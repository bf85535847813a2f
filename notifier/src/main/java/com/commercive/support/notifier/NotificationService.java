package com.commercive.support.notifier;

import com.commercive.support.email.Email;
import com.commercive.support.email.EmailSender;
import com.commercive.support.email.ReplyAddresses;
import com.commercive.support.domain.Message;
import com.commercive.support.domain.SenderType;
import com.commercive.support.domain.Ticket;
import com.commercive.support.domain.User;
import com.commercive.support.domain.WarmUp;
import com.commercive.support.pipeline.Notification;
import com.commercive.support.service.RateLimiter;
import com.commercive.support.store.ClaimStore.Claim;
import com.commercive.support.store.ClaimStore.Effect;
import com.commercive.support.store.AddressBook;
import com.commercive.support.store.ClaimStore;
import com.commercive.support.store.TicketRepository;
import com.commercive.support.store.UserDirectory;
import com.commercive.support.util.Hashes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The notifier's use case: send each notification's email once to each recipient. A send is
 * recorded per notification and recipient (claimed before, completed after), so a redelivered
 * notification skips the recipients already served; a failed send frees its claim and fails the
 * notification, which is retried and, in the end, lands in the dead-letter queue.
 */
public final class NotificationService {
  /** How far back a handoff email looks for the merchant's question. */
  static final int QUESTION_LOOKBACK = 10;
  static final Duration SEND_LOCK = Duration.ofSeconds(60);
  static final Duration RECORD_RETENTION = Duration.ofDays(7);

  /**
   * What a recorded send came to: the email went out (with the id SES gave it, which replies name in
   * {@code In-Reply-To}), or the ticket's email limit held it back.
   */
  record Send(Outcome outcome, String providerMessageId) {
    enum Outcome { SENT, HELD_BACK_BY_LIMIT }

    static final Send HELD_BACK = new Send(Outcome.HELD_BACK_BY_LIMIT, null);

    Map<String, String> fields() {
      return providerMessageId == null ? Map.of("outcome", outcome.name())
          : Map.of("outcome", outcome.name(), "provider_message_id", providerMessageId);
    }
  }

  /** Email sends, one per notification and recipient, in the {@code email} key space. */
  static final Effect<Send> SENDS = new Effect<>("email", Send::fields,
      fields -> new Send(Send.Outcome.valueOf(fields.get("outcome")), fields.get("provider_message_id")));

  /** What became of a notification (for logs and tests). */
  public record Result(int sent, int alreadySent, String skippedBecause) {}

  private final TicketRepository tickets;
  private final UserDirectory users;
  private final ClaimStore sends;
  private final EmailSender sender;
  private final EmailComposer composer;
  private final List<String> adminEmails;
  private final Clock clock;
  private final RateLimiter limits;
  private final AddressBook book;
  private final boolean repliesByEmail;

  public NotificationService(
      TicketRepository tickets,
      UserDirectory users,
      ClaimStore sends,
      EmailSender sender,
      EmailComposer composer,
      List<String> adminEmails,
      Clock clock,
      RateLimiter limits) {
    this(tickets, users, sends, sender, composer, adminEmails, clock, limits, AddressBook.none(), false);
  }

  /**
   * @param book where the users emailed are remembered at their addresses (for replies by email)
   * @param repliesByEmail whether emails carry reply addresses
   */
  public NotificationService(
      TicketRepository tickets,
      UserDirectory users,
      ClaimStore sends,
      EmailSender sender,
      EmailComposer composer,
      List<String> adminEmails,
      Clock clock,
      RateLimiter limits,
      AddressBook book,
      boolean repliesByEmail) {
    this.book = book;
    this.repliesByEmail = repliesByEmail;
    this.limits = limits;
    this.tickets = tickets;
    this.users = users;
    this.sends = sends;
    this.sender = sender;
    this.composer = composer;
    this.adminEmails = List.copyOf(adminEmails);
    this.clock = clock;
  }

  /**
   * Runs the reads a notification needs, sending and recording nothing: what the notifier does
   * before its SnapStart snapshot.
   */
  public void warmUp() {
    tickets.find(WarmUp.ID);
    tickets.findMessage(WarmUp.ID);
    users.findAll(List.of(WarmUp.ID));
  }

  public Result handle(Notification notification) {
    Optional<Ticket> ticket = tickets.find(notification.ticketId());
    if (ticket.isEmpty()) {
      return new Result(0, 0, "no such ticket");
    }
    Message message = null;
    if (notification.messageId() != null) {
      message = tickets.findMessage(notification.messageId()).orElse(null);
      if (message == null) {
        return new Result(0, 0, "no such message");
      }
      if (message.internal()) {
        // Never queued for a note; if one ever is, it is not emailed to anyone.
        return new Result(0, 0, "internal note");
      }
    }
    List<String> recipients;
    String ownerId = ticket.get().userId();
    String agentId = notification.agentId();
    Map<String, User> known = users.findAll(agentId == null ? List.of(ownerId) : List.of(ownerId, agentId));
    User owner = known.get(ownerId);
    switch (notification.kind().audience()) {
      case ADMINS -> recipients = adminEmails;
      case AGENT -> recipients = emailOf(known.get(agentId));
      case ASSIGNEE_OR_ADMINS -> recipients = agentId == null ? adminEmails : emailOf(known.get(agentId));
      default -> recipients = emailOf(owner);
    }
    EmailComposer.Context context = new EmailComposer.Context(owner,
        notification.kind() == Notification.Kind.HANDOFF ? questionBefore(message) : null, notification.breach());
    if (recipients.isEmpty()) {
      return new Result(0, 0, "no recipients");
    }
    int sent = 0;
    int alreadySent = 0;
    for (String recipient : recipients) {
      String key = Hashes.sha256(notification.id() + '\u0000' + recipient);
      Instant now = clock.instant();
      Optional<Claim<Send>> holder =
          sends.claim(SENDS, key, notification.id(), now, now.plus(SEND_LOCK), now.plus(RECORD_RETENTION));
      if (holder.isPresent()) {
        if (holder.get().completed()) {
          alreadySent++;
          continue;
        }
        throw new IllegalStateException("another delivery of this notification is sending it");
      }
      if (limits.tryAcquire(RateLimiter.Limit.EMAILS_PER_TICKET,
          ticket.get().ticketId()).isPresent()) {
        // A ticket flooding inboxes: recorded as done (not retried), and said in the result.
        sends.complete(SENDS, key, notification.id(), Send.HELD_BACK, clock.instant().plus(RECORD_RETENTION));
        return new Result(sent, alreadySent, "email limit for this ticket reached");
      }
      String providerId;
      try {
        Optional<ReplyAddresses.Role> replyAs = replyRole(notification.kind().audience(),
            recipients == adminEmails, recipient, known);
        providerId = sender.send(composer.compose(notification.kind(), ticket.get(), message, context, recipient,
            replyAs));
      } catch (RuntimeException failure) {
        sends.release(SENDS, key);
        throw failure;
      }
      sends.complete(SENDS, key, notification.id(), new Send(Send.Outcome.SENT, providerId),
          clock.instant().plus(RECORD_RETENTION));
      sent++;
    }
    return new Result(sent, alreadySent, null);
  }

  /**
   * The part a recipient's reply by email plays, when they may reply: the owner as the owner, an
   * agent emailed as themselves as that agent, an address on the team's list only when it is an
   * agent's own (the book knows it and their user record still holds it). Each user emailed is
   * remembered at their address, so their replies and their mail to the support address are known.
   */
  private Optional<ReplyAddresses.Role> replyRole(Notification.Audience audience, boolean teamList,
      String recipient, Map<String, User> known) {
    if (!repliesByEmail) {
      return Optional.empty();
    }
    Optional<User> user = teamList
        ? book.userAt(recipient).map(userId -> users.findAll(List.of(userId)).get(userId))
        : known.values().stream().filter(candidate -> holds(candidate, recipient)).findFirst();
    user = user.filter(candidate -> holds(candidate, recipient));
    Optional<ReplyAddresses.Role> role = audience == Notification.Audience.OWNER
        ? user.map(owner -> ReplyAddresses.Role.OWNER)
        : user.filter(User::admin).map(agent -> ReplyAddresses.Role.AGENT);
    if (role.isPresent() && !teamList) {
      book.remember(recipient, user.get().userId());
    }
    return role;
  }

  private static boolean holds(User user, String address) {
    return user != null && user.email() != null && user.email().strip().equalsIgnoreCase(address.strip());
  }

  private static List<String> emailOf(User user) {
    return user == null || user.email() == null || user.email().isBlank() ? List.of() : List.of(user.email());
  }

  /** The merchant's latest message before the assistant's (the question it handed off), if any. */
  private Message questionBefore(Message reply) {
    if (reply == null || reply.shownInApp()) {
      return null; // asked in the app: the question was answered there and is not in the thread
    }
    Message question = null;
    for (Message earlier : tickets.recentMessages(reply.ticketId(), QUESTION_LOOKBACK)) {
      if (earlier.senderType() == SenderType.USER && !earlier.createdAt().isAfter(reply.createdAt())) {
        question = earlier;
      }
    }
    return question;
  }
}
