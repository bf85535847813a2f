package com.commercive.support.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How a ticket's clocks run through its life, on the default targets (high 1 h / 24 h, medium 4 h / 72 h). */
class ServiceLevelsTest {
  static final ServiceLevels LEVELS = ServiceLevels.DEFAULT;
  static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  int sequence;

  Ticket opened(Priority priority) {
    Ticket ticket = Ticket.open("t-1", "user-1", "Payout missing", priority, T0, LEVELS);
    return ticket.with(ticket.append(message(SenderType.USER, T0), false, LEVELS));
  }

  Message message(SenderType sender, Instant at) {
    return new Message("m-" + (++sequence), "t-1", sender == SenderType.USER ? "user-1" : "x", sender, "text", null, at,
        false, false, false, false);
  }

  Ticket post(Ticket ticket, SenderType sender, Duration after) {
    return ticket.with(ticket.append(message(sender, T0.plus(after)), false, LEVELS));
  }

  static Instant at(Duration after) {
    return T0.plus(after);
  }

  @Test
  void aNewTicketsFirstResponseAndResolutionAreDueByItsPriority() {
    Sla sla = opened(Priority.HIGH).sla();
    assertThat(sla.firstResponseDueAt()).isEqualTo(at(Duration.ofHours(1)));
    assertThat(sla.resolutionDueAt()).isEqualTo(at(Duration.ofHours(24)));
    assertThat(sla.nextResponseDueAt()).isNull();
    assertThat(sla.nextDueAt(TicketStatus.OPEN)).isEqualTo(at(Duration.ofHours(1)));
    assertThat(opened(Priority.LOW).sla().firstResponseDueAt()).isEqualTo(at(Duration.ofHours(24)));
  }

  @Test
  void onlyAnAgentsPublicReplyIsAResponseNeverTheAssistantsNorANote() {
    Ticket ticket = post(opened(Priority.MEDIUM), SenderType.AI, Duration.ofMinutes(1));
    assertThat(ticket.sla().firstRespondedAt()).isNull();
    Message note = Message.note("n-1", "t-1", "admin-1", "internal", null, at(Duration.ofMinutes(2)));
    assertThat(LEVELS.after(ticket, ticket.status(), ticket.priority(), note, note.createdAt()).firstRespondedAt())
        .isNull();

    ticket = post(ticket, SenderType.ADMIN, Duration.ofMinutes(30));
    assertThat(ticket.sla().firstRespondedAt()).isEqualTo(at(Duration.ofMinutes(30)));
    assertThat(ticket.status()).isEqualTo(TicketStatus.PENDING);
    assertThat(ticket.sla().runs(SlaMetric.FIRST_RESPONSE, ticket.status())).isFalse();
  }

  @Test
  void theNextReplysClockRunsOnlyWhileTheTicketWaitsOnTheTeam() {
    Ticket answered = post(opened(Priority.HIGH), SenderType.ADMIN, Duration.ofMinutes(10));
    assertThat(answered.sla().nextResponseDueAt()).as("pending: waiting on the merchant").isNull();

    Ticket back = post(answered, SenderType.USER, Duration.ofMinutes(20));
    assertThat(back.sla().nextResponseStartedAt()).isEqualTo(at(Duration.ofMinutes(20)));
    assertThat(back.sla().nextResponseDueAt()).isEqualTo(at(Duration.ofMinutes(80)));
    Ticket more = post(back, SenderType.USER, Duration.ofMinutes(25));
    assertThat(more.sla().nextResponseDueAt()).as("a second message does not push it back").isEqualTo(at(Duration.ofMinutes(80)));

    Ticket paused = more.with(more.edit(TicketStatus.PENDING, null, null, at(Duration.ofMinutes(30)), LEVELS).orElseThrow());
    assertThat(paused.sla().nextResponseDueAt()).as("pending pauses it").isNull();
    Ticket reopened = paused.with(paused.edit(TicketStatus.OPEN, null, null, at(Duration.ofMinutes(40)), LEVELS).orElseThrow());
    assertThat(reopened.sla().nextResponseDueAt()).as("a new cycle").isEqualTo(at(Duration.ofMinutes(100)));

    Ticket replied = post(reopened, SenderType.ADMIN, Duration.ofMinutes(50));
    assertThat(replied.sla().nextResponseDueAt()).as("fulfilled").isNull();
  }

  @Test
  void aPriorityChangeRecomputesEveryRunningClockFromWhenItStarted() {
    Ticket ticket = opened(Priority.LOW);
    Ticket raised = ticket.with(ticket.edit(null, Priority.HIGH, null, at(Duration.ofMinutes(5)), LEVELS).orElseThrow());
    assertThat(raised.sla().firstResponseDueAt()).isEqualTo(at(Duration.ofHours(1)));
    assertThat(raised.sla().resolutionDueAt()).isEqualTo(at(Duration.ofHours(24)));

    Ticket waiting = post(post(raised, SenderType.ADMIN, Duration.ofMinutes(10)), SenderType.USER, Duration.ofMinutes(20));
    Ticket lowered = waiting.with(waiting.edit(null, Priority.MEDIUM, null, at(Duration.ofMinutes(30)), LEVELS)
        .orElseThrow());
    assertThat(lowered.sla().nextResponseDueAt()).isEqualTo(at(Duration.ofMinutes(20 + 240)));
    assertThat(lowered.sla().resolutionDueAt()).isEqualTo(at(Duration.ofHours(72)));
  }

  @Test
  void theSystemRaisesOnlyAboveWhatIsSetNeverOverAnAgentAndItsClocksFollow() {
    Ticket ticket = post(opened(Priority.LOW), SenderType.AI, Duration.ofMinutes(1));
    Ticket raised = ticket.with(ticket.raise(Priority.HIGH, "mentions money missing or held",
        at(Duration.ofMinutes(2)), LEVELS).orElseThrow());
    assertThat(raised.priority()).isEqualTo(Priority.HIGH);
    assertThat(raised.prioritySource()).isEqualTo(PrioritySource.AUTO);
    assertThat(raised.priorityReason()).isEqualTo("mentions money missing or held");
    assertThat(raised.sla().firstResponseDueAt()).isEqualTo(at(Duration.ofHours(1)));
    assertThat(raised.sla().resolutionDueAt()).isEqualTo(at(Duration.ofHours(24)));
    assertThat(raised.updatedAt()).as("nobody wrote").isEqualTo(ticket.updatedAt());
    assertThat(raised.version()).isEqualTo(ticket.version() + 1);

    assertThat(raised.raise(Priority.HIGH, "again", at(Duration.ofMinutes(3)), LEVELS)).as("already there").isEmpty();
    assertThat(opened(Priority.HIGH).raise(Priority.MEDIUM, "lower", T0, LEVELS)).as("never lowers").isEmpty();
    Ticket agents = ticket.with(ticket.edit(null, Priority.LOW, null, at(Duration.ofMinutes(2)), LEVELS).orElseThrow());
    assertThat(agents.raise(Priority.HIGH, "money", at(Duration.ofMinutes(3)), LEVELS)).as("the agent's wins").isEmpty();
    Ticket closed = ticket.with(ticket.close(at(Duration.ofMinutes(2)), LEVELS));
    assertThat(closed.raise(Priority.HIGH, "money", at(Duration.ofMinutes(3)), LEVELS)).isEmpty();

    Ticket edited = raised.with(raised.edit(null, Priority.MEDIUM, null, at(Duration.ofMinutes(4)), LEVELS).orElseThrow());
    assertThat(edited.prioritySource()).as("an agent's edit after a raise is the agent's").isEqualTo(PrioritySource.AGENT);
    assertThat(edited.priorityReason()).isNull();
  }

  @Test
  void closingStopsEveryClockAndAReopenedTicketsClocksRestart() {
    Ticket answered = post(opened(Priority.HIGH), SenderType.ADMIN, Duration.ofMinutes(10));
    Ticket breached = answered.with(answered.markBreaches(at(Duration.ofHours(25))).orElseThrow());
    assertThat(breached.sla().breached()).containsExactly(SlaMetric.RESOLUTION);

    Ticket closed = breached.with(breached.close(at(Duration.ofHours(26)), LEVELS));
    assertThat(closed.sla().nextDueAt(closed.status())).isNull();
    assertThat(closed.sla().newBreaches(closed.status(), at(Duration.ofDays(30)))).isEmpty();

    Ticket reopened = post(closed, SenderType.USER, Duration.ofHours(30));
    assertThat(reopened.status()).isEqualTo(TicketStatus.OPEN);
    assertThat(reopened.sla().resolutionStartedAt()).isEqualTo(at(Duration.ofHours(30)));
    assertThat(reopened.sla().resolutionDueAt()).isEqualTo(at(Duration.ofHours(54)));
    assertThat(reopened.sla().breached()).as("a new resolution cycle").isEmpty();
    assertThat(reopened.sla().nextResponseDueAt()).isEqualTo(at(Duration.ofHours(31)));
    assertThat(reopened.sla().firstRespondedAt()).as("the first reply stays a fact").isEqualTo(at(Duration.ofMinutes(10)));
  }

  @Test
  void aBreachIsMarkedOnceAndLeavesTheSweepsIndexForThatClock() {
    Ticket ticket = opened(Priority.HIGH);
    assertThat(ticket.markBreaches(at(Duration.ofMinutes(59)))).isEmpty();
    Ticket breached = ticket.with(ticket.markBreaches(at(Duration.ofMinutes(60))).orElseThrow());
    assertThat(breached.sla().breached()).containsExactly(SlaMetric.FIRST_RESPONSE);
    assertThat(breached.updatedAt()).as("nobody wrote").isEqualTo(ticket.updatedAt());
    assertThat(breached.version()).isEqualTo(ticket.version() + 1);
    assertThat(breached.markBreaches(at(Duration.ofMinutes(61)))).isEmpty();
    assertThat(breached.sla().nextDueAt(breached.status())).isEqualTo(at(Duration.ofHours(24)));
  }

  @Test
  void aTicketWaitingOnTheMerchantOrAnsweredOnlyByTheAssistantClosesByItself() {
    Ticket aiOnly = post(opened(Priority.MEDIUM), SenderType.AI, Duration.ofMinutes(1));
    assertThat(aiOnly.sla().autoCloseAt()).isEqualTo(at(Duration.ofDays(7).plusMinutes(1)));
    assertThat(post(aiOnly, SenderType.USER, Duration.ofMinutes(5)).sla().autoCloseAt()).as("the merchant wrote").isNull();

    Ticket pending = post(opened(Priority.MEDIUM), SenderType.ADMIN, Duration.ofMinutes(10));
    assertThat(pending.sla().autoCloseAt()).isEqualTo(at(Duration.ofDays(7).plusMinutes(10)));
    assertThat(pending.autoClose(at(Duration.ofDays(7)), LEVELS)).isEmpty();
    Ticket closed = pending.with(pending.autoClose(at(Duration.ofDays(8)), LEVELS).orElseThrow());
    assertThat(closed.status()).isEqualTo(TicketStatus.CLOSED);
    assertThat(closed.resolvedBy()).isEqualTo(ResolvedBy.AGENT);
    assertThat(closed.sla().autoCloseAt()).isNull();
    assertThat(post(opened(Priority.MEDIUM), SenderType.USER, Duration.ofMinutes(3)).sla().autoCloseAt())
        .as("waiting on the team").isNull();
  }

  @Test
  void resolvedByIsTheAssistantUnlessAnAgentRepliedInPublicAndIsClearedOnReopen() {
    Ticket aiOnly = post(opened(Priority.MEDIUM), SenderType.AI, Duration.ofMinutes(1));
    Ticket closedByOwner = aiOnly.with(aiOnly.edit(TicketStatus.CLOSED, null, null, at(Duration.ofMinutes(2)), LEVELS)
        .orElseThrow());
    assertThat(closedByOwner.resolvedBy()).isEqualTo(ResolvedBy.AI);
    Ticket closedByAgentWithoutReply = aiOnly.with(aiOnly.close(at(Duration.ofMinutes(2)), LEVELS));
    assertThat(closedByAgentWithoutReply.resolvedBy()).as("no public reply").isEqualTo(ResolvedBy.AI);

    Ticket answered = post(aiOnly, SenderType.ADMIN, Duration.ofMinutes(3));
    Ticket closed = answered.with(answered.close(at(Duration.ofMinutes(4)), LEVELS));
    assertThat(closed.resolvedBy()).isEqualTo(ResolvedBy.AGENT);
    assertThat(post(closed, SenderType.USER, Duration.ofMinutes(5)).resolvedBy()).isNull();
    assertThat(opened(Priority.LOW).resolvedBy()).isNull();
  }

  @Test
  void aClosedTicketIsRatedOnceByItsOwner() {
    Ticket open = opened(Priority.MEDIUM);
    assertThatThrownBy(() -> open.rate(5, null, at(Duration.ofMinutes(1)))).isInstanceOf(ConflictException.class);
    Ticket closed = open.with(open.close(at(Duration.ofMinutes(1)), LEVELS));
    Ticket rated = closed.with(closed.rate(4, "quick", at(Duration.ofMinutes(2))));
    assertThat(rated.satisfaction()).isEqualTo(new Satisfaction(4, "quick", at(Duration.ofMinutes(2))));
    assertThat(rated.version()).isEqualTo(closed.version() + 1);
    assertThatThrownBy(() -> rated.rate(5, null, at(Duration.ofMinutes(3)))).isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> new Satisfaction(6, null, T0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aTicketFromBeforeServiceLevelsRunsNoClock() {
    Ticket legacy = new Ticket("t-9", "user-1", "Old", TicketStatus.OPEN, Priority.HIGH, T0, T0, 0, null, false, 0, 0,
        PrioritySource.USER, null, null, null, Sla.NONE, null, null);
    Ticket next = legacy.with(legacy.append(message(SenderType.ADMIN, at(Duration.ofMinutes(1))), false, LEVELS));
    assertThat(next.sla()).isEqualTo(Sla.NONE);
    assertThat(next.sla().nextDueAt(next.status())).isNull();
    assertThat(next.with(next.close(at(Duration.ofMinutes(2)), LEVELS)).resolvedBy()).isEqualTo(ResolvedBy.AGENT);
    assertThat(Optional.ofNullable(next.sla().breached())).contains(Set.of());
  }
}
