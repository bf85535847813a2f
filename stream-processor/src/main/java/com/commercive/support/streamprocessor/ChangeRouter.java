package com.commercive.support.streamprocessor;

import com.commercive.support.domain.Message;
import com.commercive.support.domain.SenderType;
import com.commercive.support.domain.SlaMetric;
import com.commercive.support.domain.Ticket;
import com.commercive.support.domain.TicketStatus;
import com.commercive.support.pipeline.AiJob;
import com.commercive.support.pipeline.Notification;
import com.commercive.support.pipeline.Work;
import com.commercive.support.pipeline.WorkQueue;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns changes to the tables into work: a merchant's message becomes an AI job (when
 * auto-replies are on) and a notification to the support team; a reply from support or the
 * assistant a notification to the owner (unless they just read it in the app); the assistant's
 * handoff a notification to the team; a ticket opened without a message a notification to the
 * team; a ticket closed a notification to its owner. Everything else (counters, previews, its
 * own bookkeeping) is no work, so the pipeline cannot loop.
 */
public final class ChangeRouter {
  private final WorkQueue queue;
  private final boolean autoReplyEnabled;

  public ChangeRouter(WorkQueue queue, boolean autoReplyEnabled) {
    this.queue = queue;
    this.autoReplyEnabled = autoReplyEnabled;
  }

  /**
   * Reaches the queues without queueing anything: what the stream processor does before its
   * SnapStart snapshot.
   */
  public void warmUp() {
    queue.warmUp();
  }

  /** The work a new message causes, queued; returns it for logs and tests. */
  public List<Work> messageAdded(String eventId, Message message) {
    if (message.internal()) {
      // A note of the team is no news for the owner, and no question for the assistant.
      return List.of();
    }
    List<Work> work = new ArrayList<>();
    String notificationId = "message-" + message.messageId();
    if (message.senderType() == SenderType.USER) {
      if (autoReplyEnabled) {
        work.add(new AiJob(message.ticketId(), message.messageId(), eventId));
      }
      work.add(new Notification(
          notificationId, Notification.Kind.CUSTOMER_MESSAGE, message.ticketId(), message.messageId()));
    } else {
      // What the merchant just read in the app (the assistant's answer to their request) is not
      // emailed to them as well.
      if (message.closesTicket()) {
        // One email for a reply that closed the ticket, under the id the ticket's close would use.
        work.add(new Notification(closedId(message.ticketId(), message.createdAt()),
            Notification.Kind.TICKET_CLOSED, message.ticketId(), message.messageId()));
      } else if (!message.shownInApp()) {
        work.add(new Notification(
            notificationId, Notification.Kind.REPLY, message.ticketId(), message.messageId()));
      }
      // However the assistant was asked, a handoff tells the team a person is needed.
      if (message.handoff()) {
        work.add(new Notification(
            "handoff-" + message.messageId(), Notification.Kind.HANDOFF, message.ticketId(), message.messageId()));
      }
    }
    work.forEach(this::enqueue);
    return work;
  }

  /**
   * Whether a ticket's change may let a waiting ticket get an agent: it started waiting, or it
   * stopped holding an agent (closed, unassigned, reassigned) and so freed a seat.
   */
  public static boolean assignmentDue(Ticket before, Ticket after) {
    if (after == null) {
      return false;
    }
    boolean startsWaiting = after.waitingSince() != null && (before == null || before.waitingSince() == null);
    boolean freesASeat = before != null && before.holdsAnAgent()
        && (!after.holdsAnAgent() || !after.assignee().agentId().equals(before.assignee().agentId()));
    return startsWaiting || freesASeat;
  }

  /** The work a ticket's change causes; {@code before} is null for a new ticket. */
  public List<Work> ticketChanged(Ticket before, Ticket after) {
    List<Work> work = new ArrayList<>();
    if (after == null) {
      return work;
    }
    if (before == null && after.messageCount() == 0) {
      work.add(new Notification(
          "ticket-" + after.ticketId(), Notification.Kind.NEW_TICKET, after.ticketId(), null));
    } else if (before != null
        && before.status() != TicketStatus.CLOSED
        && after.status() == TicketStatus.CLOSED
        && !closedWithAReply(before, after)) {
      work.add(new Notification(closedId(after.ticketId(), after.updatedAt()),
          Notification.Kind.TICKET_CLOSED, after.ticketId(), null));
    }
    if (after.assignee() != null && (before == null || before.assignee() == null
        || !before.assignee().agentId().equals(after.assignee().agentId()))) {
      // One email per assignment: the version that made it names it.
      work.add(new Notification("assigned-" + after.ticketId() + "-" + after.version(), Notification.Kind.ASSIGNED,
          after.ticketId(), null, after.assignee().agentId()));
    }
    work.addAll(breaches(before, after));
    work.forEach(this::enqueue);
    return work;
  }

  /**
   * One email per clock that became late while it still runs (a sweep's mark), named after the
   * clock's cycle, so a redelivered record or a second mark of the same cycle sends nothing more;
   * a clock fulfilled late needs no email.
   */
  private static List<Work> breaches(Ticket before, Ticket after) {
    List<Work> work = new ArrayList<>();
    if (before == null) {
      return work;
    }
    for (SlaMetric metric : after.sla().breached()) {
      if (!before.sla().breached().contains(metric) && after.sla().runs(metric, after.status())) {
        java.time.Instant cycle = switch (metric) {
          case FIRST_RESPONSE -> after.createdAt();
          case NEXT_RESPONSE -> after.sla().nextResponseStartedAt();
          case RESOLUTION -> after.sla().resolutionStartedAt();
        };
        work.add(new Notification("breach-" + after.ticketId() + "-" + metric.wireName() + "-" + cycle.toEpochMilli(),
            Notification.Kind.SLA_BREACH, after.ticketId(), null,
            after.assignee() == null ? null : after.assignee().agentId(), metric));
      }
    }
    return work;
  }

  /** The close came with a team member's message: that message's record sends the one email. */
  private static boolean closedWithAReply(Ticket before, Ticket after) {
    return after.messageCount() > before.messageCount()
        && after.lastMessage() != null
        && after.lastMessage().senderType() == SenderType.ADMIN
        && after.lastMessage().createdAt().equals(after.updatedAt());
  }

  private static String closedId(String ticketId, java.time.Instant at) {
    return "closed-" + ticketId + "-" + at.toEpochMilli();
  }

  private void enqueue(Work item) {
    // Work is sealed: these are all its kinds (a switch over them needs Java 21's patterns).
    if (item instanceof AiJob job) {
      queue.enqueue(job);
    } else if (item instanceof Notification notification) {
      queue.enqueue(notification);
    }
  }
}
