package com.commercive.support.streamprocessor;

import java.util.Optional;
import com.commercive.support.domain.Assignee;
import static org.assertj.core.api.Assertions.assertThat;

import com.commercive.support.domain.Message;
import com.commercive.support.domain.SenderType;
import com.commercive.support.domain.Ticket;
import com.commercive.support.domain.TicketChange;
import com.commercive.support.domain.TicketStatus;
import com.commercive.support.fakes.RecordingWorkQueue;
import com.commercive.support.pipeline.AiJob;
import com.commercive.support.pipeline.Notification;
import com.commercive.support.pipeline.Work;
import com.commercive.support.testkit.TicketScenario;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What each change of a ticket or message becomes: AI jobs and notifications. */
class ChangeRouterTest extends TicketScenario {
  final RecordingWorkQueue queue = new RecordingWorkQueue();
  final ChangeRouter router = new ChangeRouter(queue, true);

  @Test
  void aClockMarkedLateWhileItRunsTellsTheAssigneeOrTheTeamOncePerCycle() {
    Ticket open = ticket();
    Ticket late = open.with(open.markBreaches(open.sla().firstResponseDueAt()).orElseThrow());

    List<Work> work = router.ticketChanged(open, late);

    assertThat(work).singleElement().isInstanceOfSatisfying(Notification.class, n -> {
      assertThat(n.kind()).isEqualTo(Notification.Kind.SLA_BREACH);
      assertThat(n.breach()).isEqualTo(com.commercive.support.domain.SlaMetric.FIRST_RESPONSE);
      assertThat(n.agentId()).as("unassigned: the team is told").isNull();
      assertThat(n.kind().audience()).isEqualTo(Notification.Audience.ASSIGNEE_OR_ADMINS);
      assertThat(n.id()).isEqualTo("breach-" + open.ticketId() + "-first_response-" + open.createdAt().toEpochMilli());
    });
    assertThat(router.ticketChanged(late, late)).as("marked already").isEmpty();

    Ticket held = open.with(open.assignWaiting(new Assignee("agent-7", "Sam"), open.updatedAt()).orElse(
        new TicketChange(null, open.status(), open.updatedAt(), false,
            new TicketChange.Edit(null, Optional.of(new Assignee("agent-7", "Sam"))))));
    Ticket heldLate = held.with(held.markBreaches(held.sla().firstResponseDueAt()).orElseThrow());
    assertThat(router.ticketChanged(held, heldLate)).singleElement()
        .isInstanceOfSatisfying(Notification.class, n -> assertThat(n.agentId()).isEqualTo("agent-7"));
  }

  @Test
  void aClockFulfilledLateIsMarkedButNeedsNoEmail() {
    Ticket open = ticket();
    clock.advance(java.time.Duration.ofHours(2));
    Message reply = new Message("m-late", open.ticketId(), "admin-1", SenderType.ADMIN, "sorry for the wait", null,
        clock.instant());
    Ticket replied = open.with(open.append(reply, false, com.commercive.support.domain.ServiceLevels.DEFAULT));
    assertThat(replied.sla().breached()).containsExactly(com.commercive.support.domain.SlaMetric.FIRST_RESPONSE);

    assertThat(router.ticketChanged(open, replied)).isEmpty();
  }

  @Test
  void aWarmUpReachesTheQueuesAndQueuesNothing() {
    router.warmUp();

    assertThat(queue.warmUps).isEqualTo(1);
    assertThat(queue.jobs).isEmpty();
    assertThat(queue.notifications).isEmpty();
  }

  @Test
  void aMerchantsMessageBecomesAJobAndATeamNotification() {
    Ticket ticket = ticket();
    Message message = post(ticket, SenderType.USER, "help");
    router.messageAdded("event-1", message);
    assertThat(queue.jobs).containsExactly(new AiJob(ticket.ticketId(), message.messageId(), "event-1"));
    assertThat(queue.notifications).singleElement().satisfies(n -> {
      assertThat(n.kind()).isEqualTo(Notification.Kind.CUSTOMER_MESSAGE);
      assertThat(n.kind().audience()).isEqualTo(Notification.Audience.ADMINS);
    });
  }

  @Test
  void repliesNotifyTheOwnerAndNeverBecomeJobs() {
    Ticket ticket = ticket();
    router.messageAdded("e1", post(ticket, SenderType.ADMIN, "answer"));
    router.messageAdded("e2", post(ticket, SenderType.AI, "ai answer"));
    assertThat(queue.jobs).isEmpty();
    assertThat(queue.notifications).extracting(Notification::kind)
        .containsExactly(Notification.Kind.REPLY, Notification.Kind.REPLY);
  }

  @Test
  void withAutoRepliesOffOnlyNotifies() {
    new ChangeRouter(queue, false).messageAdded("e", post(ticket(), SenderType.USER, "hi"));
    assertThat(queue.jobs).isEmpty();
    assertThat(queue.notifications).hasSize(1);
  }

  @Test
  void ticketsOpenedEmptyAndTicketsClosedNotify() {
    Ticket empty = ticket();
    Ticket withMessage = empty.with(new TicketChange(
        new Message("m", empty.ticketId(), "user-1", SenderType.USER, "x", null, clock.instant()),
        TicketStatus.OPEN, clock.instant(), false));
    Ticket closed = withMessage.with(new TicketChange(null, TicketStatus.CLOSED, clock.instant(), true));

    assertThat(router.ticketChanged(null, empty)).singleElement()
        .satisfies(n -> assertThat(((Notification) n).kind()).isEqualTo(Notification.Kind.NEW_TICKET));
    assertThat(router.ticketChanged(null, withMessage)).isEmpty();
    assertThat(router.ticketChanged(empty, withMessage)).isEmpty();
    assertThat(router.ticketChanged(withMessage, closed)).singleElement()
        .satisfies(n -> assertThat(((Notification) n).kind()).isEqualTo(Notification.Kind.TICKET_CLOSED));
    assertThat(router.ticketChanged(closed, closed)).isEmpty();
    assertThat(router.ticketChanged(closed, null)).isEmpty();
  }

  /** Issue 13: the same handoff behaviour for an answer the merchant asked for in the app. */
  @Test
  void anAnswerShownInTheAppIsNotEmailedButItsHandoffAlertsTheTeam() {
    Ticket ticket = ticket();
    Instant at = clock.instant();
    Message shownHandoff = new Message("ai-1", ticket.ticketId(), "assistant", SenderType.AI,
        "A person will follow up.", null, at, true, true);
    Message shownAnswer = new Message("ai-2", ticket.ticketId(), "assistant", SenderType.AI,
        "Here is how.", null, at, false, true);
    ChangeRouter router = new ChangeRouter(queue, true);
    assertThat(router.messageAdded("e-1", shownHandoff)).extracting(n -> ((Notification) n).kind())
        .containsExactly(Notification.Kind.HANDOFF);
    assertThat(router.messageAdded("e-2", shownAnswer)).isEmpty();
  }

  @Test
  void anAutoReplysHandoffTellsTheOwnerAndTheTeam() {
    Ticket ticket = ticket();
    Message handoff = new Message("ai-3", ticket.ticketId(), "assistant", SenderType.AI,
        "A person will follow up.", null, clock.instant(), true, false);
    List<Work> work = router.messageAdded("event-1", handoff);
    assertThat(work).extracting(n -> ((Notification) n).kind())
        .containsExactly(Notification.Kind.REPLY, Notification.Kind.HANDOFF);
    assertThat(work).allSatisfy(n -> assertThat(((Notification) n).messageId()).isEqualTo("ai-3"));
  }

  /** Issue 15: the assignee is emailed once per assignment, under the id of the version that made it. */
  @Test
  void eachAssignmentTellsItsAgentOnce() {
    Ticket open = ticket();
    Ticket toAlex = open.with(new TicketChange(null, TicketStatus.OPEN, clock.instant(), false,
        new TicketChange.Edit(null, Optional.of(new Assignee("alex", "Alex")))));
    assertThat(router.ticketChanged(open, toAlex)).singleElement().satisfies(n -> {
      Notification notification = (Notification) n;
      assertThat(notification.kind()).isEqualTo(Notification.Kind.ASSIGNED);
      assertThat(notification.agentId()).isEqualTo("alex");
      assertThat(notification.id()).isEqualTo("assigned-" + open.ticketId() + "-" + toAlex.version());
    });
    Ticket pending = toAlex.with(new TicketChange(null, TicketStatus.PENDING, clock.instant(), false));
    assertThat(router.ticketChanged(toAlex, pending)).isEmpty();
    Ticket toBea = pending.with(new TicketChange(null, TicketStatus.PENDING, clock.instant(), false,
        new TicketChange.Edit(null, Optional.of(new Assignee("bea", "Bea")))));
    assertThat(router.ticketChanged(pending, toBea)).extracting(n -> ((Notification) n).agentId()).containsExactly("bea");
    Ticket unassigned = toBea.with(new TicketChange(null, TicketStatus.PENDING, clock.instant(), false,
        new TicketChange.Edit(null, Optional.empty())));
    assertThat(router.ticketChanged(toBea, unassigned)).isEmpty();
  }

  /** Issue 15: assigning waiting tickets is due when one starts waiting or a seat frees up. */
  @Test
  void assignmentIsDueWhenATicketStartsWaitingOrFreesASeat() {
    Ticket open = ticket();
    Ticket waiting = open.with(new TicketChange(null, TicketStatus.OPEN, clock.instant(), false,
        TicketChange.Edit.waitForAgent()));
    assertThat(ChangeRouter.assignmentDue(open, waiting)).isTrue();
    Ticket stillWaiting = waiting.with(new TicketChange(null, TicketStatus.PENDING, clock.instant(), false));
    assertThat(ChangeRouter.assignmentDue(waiting, stillWaiting)).isFalse();
    Ticket seated = stillWaiting.with(new TicketChange(null, TicketStatus.PENDING, clock.instant(), false,
        new TicketChange.Edit(null, Optional.of(new Assignee("alex", "Alex")))));
    assertThat(seated.waitingSince()).isNull();
    assertThat(ChangeRouter.assignmentDue(stillWaiting, seated)).isFalse();
    Ticket closed = seated.with(new TicketChange(null, TicketStatus.CLOSED, clock.instant(), false));
    assertThat(ChangeRouter.assignmentDue(seated, closed)).isTrue();
    Ticket reassigned = seated.with(new TicketChange(null, TicketStatus.PENDING, clock.instant(), false,
        new TicketChange.Edit(null, Optional.of(new Assignee("bea", "Bea")))));
    assertThat(ChangeRouter.assignmentDue(seated, reassigned)).isTrue();
    assertThat(ChangeRouter.assignmentDue(null, open)).isFalse();
  }

  /** Issue 15: a note of the team is no news for the owner and no question for the assistant. */
  @Test
  void anInternalNoteBecomesNoWork() {
    Ticket ticket = ticket();
    Message note = Message.note("note-1", ticket.ticketId(), "admin-1", "Escalated to finance", null, clock.instant());
    assertThat(router.messageAdded("event-1", note)).isEmpty();
    assertThat(queue.jobs).isEmpty();
    assertThat(queue.notifications).isEmpty();
  }

  /** Issue 13: a reply with close_ticket sent the merchant two emails in the same second. */
  @Test
  void aReplyThatClosesTheTicketIsOneNotification() {
    Ticket open = ticket();
    Message closing = new Message("m-9", open.ticketId(), "admin-1", SenderType.ADMIN, "Sent today, closing.", null,
        clock.instant(), false, false, true);
    Ticket closed = open.with(new TicketChange(closing, TicketStatus.CLOSED, closing.createdAt(), true));
    List<Work> work = new ArrayList<>(router.messageAdded("e-1", closing));
    work.addAll(router.ticketChanged(open, closed));
    assertThat(work).singleElement().satisfies(n -> {
      assertThat(((Notification) n).kind()).isEqualTo(Notification.Kind.TICKET_CLOSED);
      assertThat(((Notification) n).messageId()).isEqualTo("m-9");
    });
    // A close without a message still tells the owner, once.
    Ticket closedQuietly = open.with(new TicketChange(null, TicketStatus.CLOSED, clock.instant().plusSeconds(10), true));
    assertThat(router.ticketChanged(open, closedQuietly)).singleElement()
        .satisfies(n -> assertThat(((Notification) n).messageId()).isNull());
  }
}
