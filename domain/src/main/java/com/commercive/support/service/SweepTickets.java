package com.commercive.support.service;

import com.commercive.support.domain.ServiceLevels;
import com.commercive.support.domain.Ticket;
import com.commercive.support.domain.TicketChange;
import com.commercive.support.store.TicketRepository;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The scheduled sweep of service levels: reads only the tickets whose clock or auto-close is due
 * (the sparse index, never a scan) and, each in one conditional write on the ticket as stored,
 * closes those due to close by themselves, else marks the clocks past due as breached. What
 * follows (the breach email to the assignee or the team, the closed-ticket email to the owner)
 * comes from the tables' stream, once per change, like every other email. Two sweeps at once, or
 * a sweep racing an agent's reply, write at most once: the change is derived again from the
 * ticket as stored when another write landed first.
 */
public final class SweepTickets {
  /** How many due tickets are read a page from each partition of the index. */
  static final int PAGE = 100;

  private final TicketRepository tickets;
  private final ServiceLevels levels;
  private final Clock clock;

  public SweepTickets(TicketRepository tickets, ServiceLevels levels, Clock clock) {
    this.tickets = tickets;
    this.levels = levels;
    this.clock = clock;
  }

  /** What one sweep did. */
  public record Swept(int due, int breachesMarked, int autoClosed) {}

  /** Sweeps until nothing due at the sweep's start is left (or a page brings nothing new). */
  public Swept sweep() {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Set<String> seen = new HashSet<>();
    int marked = 0;
    int closed = 0;
    while (true) {
      List<Ticket> due = tickets.dueBy(now, PAGE).stream().filter(t -> seen.add(t.ticketId())).toList();
      if (due.isEmpty()) {
        return new Swept(seen.size(), marked, closed);
      }
      for (Ticket ticket : due) {
        Optional<TicketRepository.Applied> applied = tickets.update(ticket.ticketId(), this::change);
        if (applied.isPresent()) {
          if (applied.get().ticket().status() != ticket.status()) {
            closed++;
          } else {
            marked++;
          }
        }
      }
    }
  }

  /** A ticket due to close by itself closes (its clocks stop with it); otherwise its late clocks are marked. */
  private Optional<TicketChange> change(Ticket stored) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Optional<TicketChange> autoClose = stored.autoClose(now, levels);
    return autoClose.isPresent() ? autoClose : stored.markBreaches(now);
  }
}
