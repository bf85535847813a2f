package com.commercive.support.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.commercive.support.domain.Agent;
import com.commercive.support.domain.Assignee;
import com.commercive.support.domain.Priority;
import com.commercive.support.domain.Ticket;
import com.commercive.support.domain.TicketChange;
import com.commercive.support.domain.TicketStatus;
import com.commercive.support.fakes.InMemoryAgentRoster;
import com.commercive.support.fakes.InMemoryTicketRepository;
import com.commercive.support.fakes.MutableClock;
import com.commercive.support.store.AgentRoster;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The assignment policy and its waiting line (the room it respects is proven against DynamoDB Local in AgentLoadIT). */
class AssignmentServiceTest {
  static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
  final MutableClock clock = new MutableClock(T0);
  final InMemoryTicketRepository repository = new InMemoryTicketRepository();
  final InMemoryAgentRoster roster = new InMemoryAgentRoster();
  final AssignmentService service = new AssignmentService(repository, roster, clock);

  Ticket ticket(String id) {
    clock.advance(Duration.ofSeconds(1));
    Ticket ticket = Ticket.open(id, "user-1", "Subject " + id, Priority.MEDIUM, clock.instant());
    repository.put(ticket);
    return ticket;
  }

  static Agent agent(String id, boolean available, int max, int open, Instant last) {
    return new Agent(id, "Agent " + id, id + "@example.com", available, max, open, last);
  }

  @Test
  void theNextTicketGoesToTheAvailableAgentWithRoomAndFewestOpenThenTheLongestIdle() {
    Agent away = agent("away", false, 10, 0, null);
    Agent full = agent("full", true, 2, 2, null);
    Agent busy = agent("busy", true, 10, 3, T0);
    Agent lightRecent = agent("light-recent", true, 10, 1, T0.plusSeconds(60));
    Agent lightIdle = agent("light-idle", true, 10, 1, T0);
    assertThat(AssignmentService.next(List.of(away, full, busy, lightRecent, lightIdle))).contains(lightIdle);
    assertThat(AssignmentService.next(List.of(away, full))).isEmpty();
    Agent neverAssigned = agent("new", true, 10, 1, null);
    assertThat(AssignmentService.next(List.of(lightIdle, neverAssigned))).contains(neverAssigned);
  }

  @Test
  void aTicketThatNeedsAPersonWaitsUnlessItHasOneOrIsClosed() {
    Ticket waiting = ticket("t-1");
    assertThat(service.needsAgent("t-1")).isTrue();
    assertThat(repository.find("t-1").orElseThrow().waitingSince()).isNotNull();
    assertThat(service.needsAgent("t-1")).isFalse();

    Ticket assigned = ticket("t-2");
    repository.put(assigned.with(new TicketChange(null, TicketStatus.OPEN, clock.instant(), false,
        new TicketChange.Edit(null, Optional.of(new Assignee("alex", "Alex"))))));
    assertThat(service.needsAgent("t-2")).isFalse();
    Ticket closed = ticket("t-3");
    repository.put(closed.with(new TicketChange(null, TicketStatus.CLOSED, clock.instant(), false)));
    assertThat(service.needsAgent("t-3")).isFalse();
    assertThat(repository.waiting(10)).extracting(Ticket::ticketId).containsExactly(waiting.ticketId());
  }

  @Test
  void theLongestWaitingTicketIsAssignedFirstAndStopsWaiting() {
    ticket("t-old");
    ticket("t-new");
    service.needsAgent("t-new");
    clock.advance(Duration.ofSeconds(5));
    service.needsAgent("t-old");
    assertThat(repository.waiting(10)).extracting(Ticket::ticketId).containsExactly("t-new", "t-old");
    assertThat(service.assignWaiting()).isZero();

    // One seat. The store counts it (AgentLoadIT); this roster says what the store would: full after one.
    Ticket first = repository.waiting(1).get(0);
    AgentRoster oneSeat = new AgentRoster() {
      int lists;

      @Override
      public List<Agent> list() {
        return List.of(lists++ == 0 ? agent("alex", true, 1, 0, null) : agent("alex", true, 1, 1, T0));
      }

      @Override
      public Optional<Agent> find(String agentId) {
        return Optional.empty();
      }

      @Override
      public Agent save(String agentId, String name, String email, boolean available, int maxOpen) {
        throw new IllegalStateException("not saved here");
      }
    };
    int assigned = new AssignmentService(repository, oneSeat, clock).assignWaiting();
    assertThat(assigned).isEqualTo(1);
    Ticket after = repository.find(first.ticketId()).orElseThrow();
    assertThat(after.assignee().agentId()).isEqualTo("alex");
    assertThat(after.waitingSince()).isNull();
    assertThat(repository.waiting(10)).extracting(Ticket::ticketId).containsExactly("t-old");
  }
}
