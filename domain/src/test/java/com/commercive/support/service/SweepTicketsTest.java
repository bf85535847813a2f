package com.commercive.support.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.commercive.support.domain.Message;
import com.commercive.support.domain.Priority;
import com.commercive.support.domain.SenderType;
import com.commercive.support.domain.ServiceLevels;
import com.commercive.support.domain.SlaMetric;
import com.commercive.support.domain.Ticket;
import com.commercive.support.domain.TicketChange;
import com.commercive.support.domain.TicketStatus;
import com.commercive.support.domain.ResolvedBy;
import com.commercive.support.fakes.DelegatingTicketRepository;
import com.commercive.support.fakes.InMemoryTicketRepository;
import com.commercive.support.fakes.MutableClock;
import com.commercive.support.store.TicketRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class SweepTicketsTest {
  static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  static final ServiceLevels LEVELS = ServiceLevels.DEFAULT;
  final MutableClock clock = new MutableClock(T0);
  final InMemoryTicketRepository repository = new InMemoryTicketRepository();
  final SweepTickets sweep = new SweepTickets(repository, LEVELS, clock);
  int sequence;

  Ticket open(String id, Priority priority) {
    Ticket ticket = Ticket.open(id, "user-1", "Payout missing", priority, T0, LEVELS);
    Message first = message(id, SenderType.USER, T0);
    ticket = ticket.with(new TicketChange(first, TicketStatus.OPEN, T0, false));
    repository.create(ticket, first);
    return ticket;
  }

  Message message(String ticketId, SenderType sender, Instant at) {
    return new Message("m-" + (++sequence), ticketId, sender == SenderType.USER ? "user-1" : "admin-1", sender, "text",
        null, at);
  }

  void post(String ticketId, SenderType sender) {
    Instant at = clock.instant();
    repository.update(ticketId, t -> Optional.of(t.append(message(ticketId, sender, at), false, LEVELS)));
  }

  Ticket stored(String id) {
    return repository.find(id).orElseThrow();
  }

  @Test
  void aLateClockIsMarkedOnceAndOnlyDueTicketsAreRead() {
    open("t-high", Priority.HIGH);
    open("t-low", Priority.LOW);
    clock.advance(Duration.ofMinutes(59));
    assertThat(sweep.sweep()).isEqualTo(new SweepTickets.Swept(0, 0, 0));

    clock.advance(Duration.ofMinutes(1));
    assertThat(sweep.sweep()).isEqualTo(new SweepTickets.Swept(1, 1, 0));
    assertThat(stored("t-high").sla().breached()).containsExactly(SlaMetric.FIRST_RESPONSE);
    assertThat(stored("t-low").sla().breached()).isEmpty();
    long version = stored("t-high").version();

    assertThat(sweep.sweep()).as("the next sweep finds nothing new").isEqualTo(new SweepTickets.Swept(0, 0, 0));
    assertThat(stored("t-high").version()).isEqualTo(version);
  }

  @Test
  void twoSweepsRacingOnOneTicketWriteOnce() {
    open("t-1", Priority.HIGH);
    clock.advance(Duration.ofHours(2));
    AtomicBoolean raced = new AtomicBoolean();
    SweepTickets other = new SweepTickets(repository, LEVELS, clock);
    TicketRepository racing = new DelegatingTicketRepository(repository) {
      @Override
      public Optional<Applied> update(String ticketId, Function<Ticket, Optional<TicketChange>> change) {
        if (raced.compareAndSet(false, true)) {
          other.sweep(); // lands between this sweep's read and its write
        }
        return super.update(ticketId, change);
      }
    };
    SweepTickets.Swept first = new SweepTickets(racing, LEVELS, clock).sweep();

    assertThat(first.breachesMarked()).isZero();
    assertThat(stored("t-1").sla().breached()).containsExactly(SlaMetric.FIRST_RESPONSE);
    assertThat(stored("t-1").version()).as("one write: the open ticket's, then the other sweep's").isEqualTo(2);
  }

  @Test
  void anAgentsReplyRacingTheBreachWriteIsKeptAndTheLateReplyIsTheBreach() {
    open("t-1", Priority.HIGH);
    clock.advance(Duration.ofMinutes(61));
    AtomicBoolean replied = new AtomicBoolean();
    TicketRepository racing = new DelegatingTicketRepository(repository) {
      @Override
      public Optional<Applied> update(String ticketId, Function<Ticket, Optional<TicketChange>> change) {
        if (replied.compareAndSet(false, true)) {
          post(ticketId, SenderType.ADMIN);
        }
        return super.update(ticketId, change);
      }
    };
    new SweepTickets(racing, LEVELS, clock).sweep();

    Ticket ticket = stored("t-1");
    assertThat(ticket.messageCount()).isEqualTo(2);
    assertThat(ticket.status()).isEqualTo(TicketStatus.PENDING);
    assertThat(ticket.sla().firstRespondedAt()).isEqualTo(T0.plus(Duration.ofMinutes(61)));
    assertThat(ticket.sla().breached()).containsExactly(SlaMetric.FIRST_RESPONSE);
  }

  @Test
  void aTicketWaitingOnTheMerchantClosesByItselfAndItsClocksStop() {
    open("t-1", Priority.MEDIUM);
    clock.advance(Duration.ofMinutes(5));
    post("t-1", SenderType.ADMIN);
    clock.advance(Duration.ofDays(7).minusMinutes(1));
    assertThat(sweep.sweep()).as("resolution (72 h) is late, the auto-close not yet due")
        .isEqualTo(new SweepTickets.Swept(1, 1, 0));
    clock.advance(Duration.ofMinutes(1));

    assertThat(sweep.sweep()).isEqualTo(new SweepTickets.Swept(1, 0, 1));
    Ticket closed = stored("t-1");
    assertThat(closed.status()).isEqualTo(TicketStatus.CLOSED);
    assertThat(closed.resolvedBy()).isEqualTo(ResolvedBy.AGENT);
    assertThat(closed.sla().breached()).containsExactly(SlaMetric.RESOLUTION);
    assertThat(closed.sla().nextDueAt(closed.status())).isNull();
    assertThat(sweep.sweep()).isEqualTo(new SweepTickets.Swept(0, 0, 0));
  }

  @Test
  void aReopenedTicketsClocksRestartAndCanBreachAgain() {
    open("t-1", Priority.HIGH);
    clock.advance(Duration.ofMinutes(10));
    post("t-1", SenderType.ADMIN);
    clock.advance(Duration.ofMinutes(10));
    post("t-1", SenderType.USER);
    clock.advance(Duration.ofMinutes(61));
    sweep.sweep();
    assertThat(stored("t-1").sla().breached()).containsExactly(SlaMetric.NEXT_RESPONSE);
    post("t-1", SenderType.ADMIN);
    clock.advance(Duration.ofMinutes(1));
    post("t-1", SenderType.USER);
    assertThat(stored("t-1").sla().breached()).as("a new cycle").isEmpty();
    clock.advance(Duration.ofMinutes(61));
    sweep.sweep();
    assertThat(stored("t-1").sla().breached()).containsExactly(SlaMetric.NEXT_RESPONSE);
  }
}
