package com.commercive.support.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.commercive.support.domain.AgentAtCapacityException;
import com.commercive.support.domain.Assignee;
import com.commercive.support.domain.Message;
import com.commercive.support.domain.NotFoundException;
import com.commercive.support.domain.Priority;
import com.commercive.support.domain.SenderType;
import com.commercive.support.domain.Ticket;
import com.commercive.support.domain.TicketChange;
import com.commercive.support.domain.TicketStatus;
import com.commercive.support.fakes.DelegatingTicketRepository;
import com.commercive.support.fakes.InMemoryTicketRepository;
import com.commercive.support.fakes.MutableClock;
import com.commercive.support.store.TicketRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The one path every message takes onto a ticket: API, AI worker and (next) replies by email. */
class AppendMessageTest {
  final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T09:00:00Z"));
  final InMemoryTicketRepository repository = new InMemoryTicketRepository();
  final AppendMessage append = new AppendMessage(repository, com.commercive.support.domain.ServiceLevels.DEFAULT, clock);

  Ticket ticket() {
    Ticket ticket = Ticket.open("t-1", "user-1", "Orders not syncing", Priority.MEDIUM, clock.instant());
    repository.put(ticket);
    clock.advance(Duration.ofSeconds(1));
    return ticket;
  }

  @Test
  void theSameInputDeliveredTwiceAppendsOnce() {
    ticket();
    var draft = AppendMessage.Draft.of("mail-<abc@example.com>", "user-1", SenderType.USER, "Any news?", null,
        List.of(), false);

    var first = append.append("t-1", draft);
    clock.advance(Duration.ofSeconds(5));
    var again = append.append("t-1", draft);

    assertThat(first.appended()).isTrue();
    assertThat(first.message().messageId()).isEqualTo("mail-<abc@example.com>");
    assertThat(first.ticket().messageCount()).isEqualTo(1);
    assertThat(again.appended()).isFalse();
    assertThat(again.alreadyAppended()).isTrue();
    assertThat(repository.allMessages()).hasSize(1);
    assertThat(repository.find("t-1").orElseThrow().version()).isEqualTo(first.ticket().version());
  }

  @Test
  void theStatusRulesFollowTheSender() {
    ticket();
    var agent = append.append("t-1", AppendMessage.Draft.of("m-1", "admin-1", SenderType.ADMIN, "Try a resync", null,
        List.of(), false));
    assertThat(agent.ticket().status()).isEqualTo(TicketStatus.PENDING);
    assertThat(agent.ticket().humanReplied()).isTrue();

    var merchant = append.append("t-1", AppendMessage.Draft.of("m-2", "user-1", SenderType.USER, "Still broken",
        null, List.of(), false));
    assertThat(merchant.ticket().status()).isEqualTo(TicketStatus.OPEN);

    var assistant = append.append("t-1", AppendMessage.Draft.assistant("ai-m-2", "commercive-assistant", "Here is how",
        false, false));
    assertThat(assistant.ticket().status()).isEqualTo(TicketStatus.OPEN);
    assertThat(assistant.ticket().aiReplies()).isEqualTo(1);

    var closing = append.append("t-1", AppendMessage.Draft.of("m-3", "admin-1", SenderType.ADMIN, "Fixed, closing",
        null, List.of(), true));
    assertThat(closing.ticket().status()).isEqualTo(TicketStatus.CLOSED);
    assertThat(closing.message().closesTicket()).isTrue();
    // Each message is later than the ticket's last change, even when this clock stands still.
    assertThat(closing.message().createdAt()).isAfter(assistant.message().createdAt());
  }

  @Test
  void aGuardThatDeclinesWritesNothingAndSaysWhy() {
    ticket();
    var declined = append.append("t-1",
        AppendMessage.Draft.assistant("ai-1", "commercive-assistant", "Here is how", false, false),
        current -> current.status() == TicketStatus.OPEN ? Optional.of("still open") : Optional.empty());

    assertThat(declined.appended()).isFalse();
    assertThat(declined.declined()).isEqualTo("still open");
    assertThat(repository.allMessages()).isEmpty();
    assertThat(repository.find("t-1").orElseThrow().version()).isZero();
  }

  @Test
  void aNoteChangesNothingOnTheTicketAndIsAppendedOnce() {
    Ticket ticket = ticket();
    var note = AppendMessage.Draft.note("n-1", "admin-1", "Customer is on the old plan", null, List.of());

    var first = append.append("t-1", note);
    var again = append.append("t-1", note);

    assertThat(first.message().internal()).isTrue();
    assertThat(again.alreadyAppended()).isTrue();
    assertThat(repository.find("t-1").orElseThrow()).isEqualTo(ticket);
    assertThat(repository.allMessages()).hasSize(1);
  }

  @Test
  void aMessageOnAMissingTicketIsNotFound() {
    assertThatThrownBy(() -> append.append("nope", AppendMessage.Draft.of("m-1", "user-1", SenderType.USER, "Hi",
        null, List.of(), false))).isInstanceOf(NotFoundException.class);
  }

  @Test
  void aMerchantReopeningOntoAFullAgentIsKeptAndTheTicketWaitsForAnother() {
    Ticket ticket = ticket();
    Ticket closedWithAgent = repository.apply(ticket, new TicketChange(null, TicketStatus.CLOSED, clock.instant(),
        true, new TicketChange.Edit(null, Optional.of(new Assignee("agent-1", "Ann")))));
    assertThat(closedWithAgent.assignee()).isNotNull();
    clock.advance(Duration.ofSeconds(1));
    // The agent has no seat left: a write that would make the ticket hold them again is refused.
    TicketRepository fullAgent = new TicketRepositoryRefusingSeats(repository);

    var reopened = new AppendMessage(fullAgent, com.commercive.support.domain.ServiceLevels.DEFAULT, clock).append("t-1",
        AppendMessage.Draft.of("m-1", "user-1", SenderType.USER, "It broke again", null, List.of(), false));

    assertThat(reopened.appended()).isTrue();
    assertThat(reopened.ticket().status()).isEqualTo(TicketStatus.OPEN);
    assertThat(reopened.ticket().assignee()).isNull();
    assertThat(reopened.ticket().waitingSince()).isNotNull();
    assertThat(repository.allMessages()).extracting(Message::messageId).containsExactly("m-1");
  }

  /** A store whose agents are all full: a change that makes a ticket hold an agent is refused. */
  private static final class TicketRepositoryRefusingSeats extends DelegatingTicketRepository {
    TicketRepositoryRefusingSeats(TicketRepository delegate) {
      super(delegate);
    }

    @Override
    public Optional<Applied> update(String ticketId, Function<Ticket, Optional<TicketChange>> change) {
      return delegate.update(ticketId, current -> {
        Optional<TicketChange> derived = change.apply(current);
        if (derived.isPresent() && current.with(derived.get()).holdsAnAgent() && !current.holdsAnAgent()) {
          throw new AgentAtCapacityException(current.assignee().agentId());
        }
        return derived;
      });
    }
  }
}
