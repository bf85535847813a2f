package com.commercive.support.service;

import com.commercive.support.domain.Agent;
import com.commercive.support.domain.AgentAtCapacityException;
import com.commercive.support.domain.Assignee;
import com.commercive.support.domain.Ticket;
import com.commercive.support.store.AgentRoster;
import com.commercive.support.store.TicketRepository;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Automatic assignment. A ticket that needs a person waits for an agent; waiting tickets are
 * given, the longest-waiting first, to the available agent with room who holds the fewest open
 * tickets (ties: the one whose last assignment is oldest). Every assignment is a conditional write
 * on the ticket and, in the same transaction, on the agent's room, so racing assigners never give
 * an agent more than their {@code max_open} and never assign a ticket twice.
 */
public final class AssignmentService {
  /** At most this many assignments per call: a flood of waiting tickets is worked through over calls. */
  static final int MAX_ASSIGNMENTS_PER_CALL = 25;
  /** Attempts lost to racing assigners before a call gives up for now (the next trigger goes on). */
  static final int MAX_LOST_RACES = 10;

  private final TicketRepository tickets;
  private final AgentRoster roster;
  private final Clock clock;

  public AssignmentService(TicketRepository tickets, AgentRoster roster, Clock clock) {
    this.tickets = tickets;
    this.roster = roster;
    this.clock = clock;
  }

  /**
   * The ticket needs a person: unless it has an agent, is closed or waits already, it starts
   * waiting now (the stream of its change then triggers {@link #assignWaiting()}).
   *
   * @return whether it started waiting
   */
  public boolean needsAgent(String ticketId) {
    return tickets.update(ticketId, current -> current.waitForAgent(current.changeAt(clock.instant()))).isPresent();
  }

  /** Gives waiting tickets to agents with room, the longest-waiting first; how many it assigned. */
  public int assignWaiting() {
    int assigned = 0;
    int lostRaces = 0;
    while (assigned < MAX_ASSIGNMENTS_PER_CALL && lostRaces < MAX_LOST_RACES) {
      Optional<Agent> agent = next(roster.list());
      if (agent.isEmpty()) {
        return assigned;
      }
      List<Ticket> waiting = tickets.waiting(1);
      if (waiting.isEmpty()) {
        return assigned;
      }
      Assignee assignee = new Assignee(agent.get().agentId(), agent.get().name());
      try {
        boolean done = tickets.update(waiting.get(0).ticketId(),
            current -> current.assignWaiting(assignee, current.changeAt(clock.instant()))).isPresent();
        if (done) {
          assigned++;
        } else {
          lostRaces++;
        }
      } catch (AgentAtCapacityException taken) {
        // Another assigner filled the agent's last seat first: look at the roster again.
        lostRaces++;
      }
    }
    return assigned;
  }

  /** The agent the next ticket goes to: available with room, fewest open, then longest since their last. */
  static Optional<Agent> next(List<Agent> agents) {
    return agents.stream()
        .filter(Agent::hasRoom)
        .min(Comparator.comparingInt(Agent::openAssigned)
            .thenComparing(Agent::lastAssignedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Agent::agentId));
  }
}
