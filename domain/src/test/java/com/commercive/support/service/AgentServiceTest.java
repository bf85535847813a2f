package com.commercive.support.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.commercive.support.domain.Caller;
import com.commercive.support.domain.Priority;
import com.commercive.support.domain.Ticket;
import com.commercive.support.domain.User;
import com.commercive.support.fakes.InMemoryAgentRoster;
import com.commercive.support.fakes.InMemoryTicketRepository;
import com.commercive.support.fakes.InMemoryUserDirectory;
import com.commercive.support.fakes.MutableClock;
import com.commercive.support.service.AgentService.AgentUpdate;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AgentServiceTest {
  static final Caller ALEX = new Caller("alex", true, "Alex", "alex@example.com");
  final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T09:00:00Z"));
  final InMemoryTicketRepository tickets = new InMemoryTicketRepository();
  final InMemoryAgentRoster roster = new InMemoryAgentRoster();
  final AssignmentService assignments = new AssignmentService(tickets, roster, clock);
  final AgentService agents = new AgentService(roster, new InMemoryUserDirectory(
      new User("alex", "Alex Support", "alex@example.com", "admin")), assignments);

  /** Issue 15: an agent made available takes the waiting tickets at once, the longest-waiting first. */
  @Test
  void anAgentMadeAvailableTakesTheWaitingTicket() {
    tickets.put(Ticket.open("t-1", "user-1", "Waiting ticket", Priority.HIGH, clock.instant()));
    assignments.needsAgent("t-1");
    agents.update(ALEX, "me", new AgentUpdate(false, 5));
    assertThat(tickets.find("t-1").orElseThrow().assignee()).isNull();

    agents.update(ALEX, "me", new AgentUpdate(true, 5));
    Ticket assigned = tickets.find("t-1").orElseThrow();
    assertThat(assigned.assignee().agentId()).isEqualTo("alex");
    assertThat(assigned.assignee().name()).isEqualTo("Alex Support");
    assertThat(assigned.waitingSince()).isNull();
  }
}
