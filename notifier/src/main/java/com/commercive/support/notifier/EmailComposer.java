package com.commercive.support.notifier;

import com.commercive.support.email.Email;
import com.commercive.support.domain.Message;
import com.commercive.support.domain.Priority;
import com.commercive.support.domain.Sla;
import com.commercive.support.domain.SlaMetric;
import com.commercive.support.domain.Ticket;
import com.commercive.support.domain.User;
import com.commercive.support.pipeline.Notification;
import com.commercive.support.email.ReplyAddresses;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Writes the notification emails. Everything a user wrote is escaped in the HTML part, and
 * stripped of line breaks and other control characters where it goes into a header.
 *
 * <p>Every email about a ticket names the ticket in {@code In-Reply-To} and {@code References}
 * ({@code <ticket-<id>@<domain>>}), so mail clients thread them (SES replaces each mail's own
 * {@code Message-ID}, so the ticket's id is the thread's anchor), and carries
 * {@code Auto-Submitted: auto-generated}, so auto-replies stay quiet and our own mail coming back is
 * recognised. With replies by email set up, an email to someone who may answer it (the ticket's
 * owner; an agent) goes out with a reply address of its own ({@link ReplyAddresses}) and says that
 * replying works, and for an agent that the reply goes to the merchant.
 */
public final class EmailComposer {
  static final String PREFIX = "[Commercive Support] ";
  static final String REPLYING_WORKS = "You can reply to this email: your answer is added to the ticket.";
  static final String REPLYING_ANSWERS_THE_MERCHANT =
      "You can reply to this email: your answer is added to the ticket as your public reply to the merchant.";
  private final URI frontendUrl;
  private final String threadDomain;
  private final Optional<ReplyAddresses> replies;

  public EmailComposer(URI frontendUrl) {
    this(frontendUrl, "commercive.com", Optional.empty());
  }

  /**
   * @param threadDomain the domain of the ticket's thread anchor (the inbound domain, or the sender's)
   * @param replies reply addresses for the merchant's emails, when replies by email are set up
   */
  public EmailComposer(URI frontendUrl, String threadDomain, Optional<ReplyAddresses> replies) {
    this.frontendUrl = frontendUrl;
    this.threadDomain = threadDomain;
    this.replies = replies;
  }

  /** The thread anchor of a ticket's emails. */
  static String threadId(String ticketId, String domain) {
    return "<ticket-" + ticketId + "@" + domain + ">";
  }

  /**
   * What an email is about beyond its ticket: the merchant who owns the ticket (for the team's
   * emails: who wrote) and, for a handoff, the merchant's question the assistant could not answer.
   */
  public record Context(User owner, Message question, SlaMetric breach) {
    public static final Context NONE = new Context(null, null, null);

    public Context(User owner, Message question) {
      this(owner, question, null);
    }
  }

  public Email compose(Notification.Kind kind, Ticket ticket, Message message, String recipient) {
    return compose(kind, ticket, message, Context.NONE, recipient);
  }

  /** One email per event, its reply address for the owner's emails (when replies by email are set up). */
  public Email compose(Notification.Kind kind, Ticket ticket, Message message, Context context, String recipient) {
    return compose(kind, ticket, message, context, recipient,
        kind.audience() == Notification.Audience.OWNER ? Optional.of(ReplyAddresses.Role.OWNER) : Optional.empty());
  }

  /**
   * One email per event, saying who, what and how urgent; with a reply address for {@code recipient}
   * in {@code replyAs} when replies by email are set up.
   */
  public Email compose(Notification.Kind kind, Ticket ticket, Message message, Context context, String recipient,
      Optional<ReplyAddresses.Role> replyAs) {
    String shortId = ticket.ticketId().length() > 8 ? ticket.ticketId().substring(0, 8) : ticket.ticketId();
    String subject = headerSafe(ticket.subject());
    String link = frontendUrl + "/support/tickets/" + ticket.ticketId();
    String merchant = merchant(context.owner());
    String urgency = "priority " + ticket.priority().wireName();
    boolean opening = message != null && message.createdAt().equals(ticket.createdAt());
    String heading;
    String intro;
    Message quoted = message;
    boolean rating = false;
    switch (kind) {
      case NEW_TICKET -> {
        heading = "New ticket: " + subject;
        intro = merchant + " opened a ticket (" + urgency + ") without a message yet.";
      }
      case CUSTOMER_MESSAGE -> {
        heading = (opening ? "New ticket: " : "Re: ") + subject;
        intro = merchant + (opening ? " opened a ticket (" : " wrote (") + urgency + "):";
      }
      case REPLY -> {
        heading = "Re: " + subject;
        intro = message != null && message.aiResponse()
            ? "Our assistant replied to your ticket:"
            : "Our support team replied to your ticket:";
      }
      case TICKET_CLOSED -> {
        heading = "Closed: " + subject;
        intro = message != null
            ? "Our support team replied and closed your ticket. Reply in the ticket if you still need help."
            : "Your ticket has been closed. Reply in the ticket if you still need help.";
        rating = ticket.satisfaction() == null;
      }
      case SLA_BREACH -> {
        heading = "Late: " + subject;
        intro = late(context.breach(), ticket) + " This ticket of " + merchant + " (" + urgency + ", "
            + ticket.status().wireName() + (ticket.assignee() == null ? ", unassigned" : "") + ") needs a reply.";
        quoted = null;
      }
      case HANDOFF -> {
        heading = "Needs a person: " + subject;
        intro = "The assistant could not answer " + merchant + " confidently (" + urgency
            + "). Please reply to the merchant. They asked:";
        quoted = context.question();
      }
      case ASSIGNED -> {
        heading = "Assigned to you: " + subject;
        intro = "This ticket of " + merchant + " (" + urgency + ", " + ticket.status().wireName()
            + ") is now yours.";
        quoted = null;
      }
      default -> throw new IllegalArgumentException("unknown kind " + kind);
    }
    boolean toTeam = kind.audience() != Notification.Audience.OWNER;
    String fullSubject = PREFIX + heading + (toTeam && ticket.priority() == Priority.HIGH ? " [high priority]" : "")
        + " (#" + shortId + ")";

    String replyTo = replyAs.flatMap(role -> replies.flatMap(r -> r.address(ticket.ticketId(), recipient, role)))
        .orElse(null);
    String thread = threadId(ticket.ticketId(), threadDomain);
    List<Email.Header> headers = List.of(new Email.Header("In-Reply-To", thread),
        new Email.Header("References", thread), new Email.Header("Auto-Submitted", "auto-generated"));

    StringBuilder text = new StringBuilder(intro).append("\n\n");
    StringBuilder html = new StringBuilder("<p>").append(escape(intro)).append("</p>\n");
    if (quoted != null) {
      // Files are named, never linked: a link in an email outlives who may open it.
      text.append(quoted.textWithFileNames()).append("\n\n");
      html.append("<blockquote style=\"white-space:pre-wrap\">").append(escape(quoted.textWithFileNames()))
          .append("</blockquote>\n");
    }
    if (rating) {
      // The frontend's ticket page takes the score and posts it: one click, then an optional comment.
      text.append("How did we do? Rate this ticket from 1 (poor) to 5 (great):\n");
      html.append("<p>How did we do? Rate this ticket from 1 (poor) to 5 (great):</p>\n<p>");
      for (int score = 1; score <= 5; score++) {
        String rate = link + "?rate=" + score;
        text.append(score).append(": ").append(rate).append('\n');
        // Big enough to tap on a phone.
        html.append("<a href=\"").append(escape(rate)).append("\" style=\"display:inline-block;min-width:2.5em;"
            + "padding:0.5em 0;margin-right:0.4em;border:1px solid #888;border-radius:4px;text-align:center;"
            + "text-decoration:none\">").append(score).append("</a>");
      }
      text.append('\n');
      html.append("</p>\n");
    }
    if (replyTo != null) {
      String replying = replyAs.get() == ReplyAddresses.Role.AGENT ? REPLYING_ANSWERS_THE_MERCHANT : REPLYING_WORKS;
      text.append(replying).append('\n');
      html.append("<p>").append(escape(replying)).append("</p>\n");
    }
    text.append("View the ticket: ").append(link).append('\n');
    html.append("<p><a href=\"").append(escape(link)).append("\">View the ticket</a></p>\n");
    return new Email(headerSafe(recipient), fullSubject, text.toString(), html.toString(), replyTo, headers);
  }

  /** What is late and since when, in UTC, as a person reads a time ("2026-12-01 11:00 UTC"). */
  static String late(SlaMetric metric, Ticket ticket) {
    Sla sla = ticket.sla();
    return switch (metric) {
      case FIRST_RESPONSE -> "The first reply was due at " + readable(sla.firstResponseDueAt()) + ".";
      case NEXT_RESPONSE -> "The next reply was due at " + readable(sla.nextResponseDueAt()) + ".";
      case RESOLUTION -> "Resolution was due at " + readable(sla.resolutionDueAt()) + ".";
    };
  }

  private static final java.time.format.DateTimeFormatter READABLE =
      java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(java.time.ZoneOffset.UTC);

  static String readable(java.time.Instant at) {
    return READABLE.format(at);
  }

  /** "Dana Merchant (dana@example.com)", or what is known of them. */
  static String merchant(User owner) {
    if (owner == null) {
      return "The merchant";
    }
    boolean named = owner.name() != null && !owner.name().isBlank();
    boolean mailed = owner.email() != null && !owner.email().isBlank();
    if (named && mailed) {
      return owner.name() + " (" + owner.email() + ")";
    }
    return named ? owner.name() : mailed ? owner.email() : "The merchant";
  }

  /**
   * Line breaks and other control characters replaced by spaces (no header injection), and
   * invisible format characters dropped, text-direction controls among them: a subject stored
   * before they were refused still cannot make "gnp.exe" read "exe.png" in an inbox.
   */
  static String headerSafe(String value) {
    StringBuilder safe = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.getType(c) == Character.FORMAT) {
        continue;
      }
      safe.append(Character.getType(c) == Character.CONTROL || c == '\u2028' || c == '\u2029' ? ' ' : c);
    }
    return safe.toString().strip();
  }

  static String escape(String text) {
    StringBuilder escaped = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '&' -> escaped.append("&amp;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#39;");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }
}
