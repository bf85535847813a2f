package com.commercive.support.store.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import com.commercive.support.store.AttachmentStore;
import com.commercive.support.service.ReadTickets;
import com.commercive.support.service.EditTicket;
import com.commercive.support.service.PostMessage;
import com.commercive.support.service.OpenTicket;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.commercive.support.domain.AgentAtCapacityException;
import com.commercive.support.domain.Caller;
import com.commercive.support.domain.Ticket;
import com.commercive.support.domain.TicketStatus;
import com.commercive.support.service.AssignmentService;
import com.commercive.support.service.CursorCodec;
import com.commercive.support.service.RateLimiter;
import com.commercive.support.service.TicketUseCases;
import com.commercive.support.service.PostMessage.NewMessage;
import com.commercive.support.service.OpenTicket.NewTicket;
import com.commercive.support.service.EditTicket.TicketUpdate;
import com.commercive.support.standins.FreshTables;
import com.commercive.support.testing.DynamoDbCallRecorder;
import com.commercive.support.testkit.Races;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import com.commercive.support.domain.VersionCondition;
import java.util.UUID;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: an agent's count of open tickets moves with every write that changes it (assign,
 * reassign, unassign, close, reopen), in the same transaction, and never goes over their
 * {@code max_open}, also when many assignments race.
 */
class AgentLoadIT {
  static final Caller OWNER = new Caller("load-owner", false, "Dana", "dana@example.com");
  static final Caller ADMIN = new Caller("load-admin", true, "Alex", "alex@example.com");
  static final DynamoDbCallRecorder recorder = new DynamoDbCallRecorder();
  @AutoClose
  static final FreshTables db = FreshTables.create(recorder);
  @AutoClose
  static final Races races = new Races(20);
  final DynamoDbAgentRoster roster = new DynamoDbAgentRoster(db.client(), db.names().agents());
  final DynamoDbTicketRepository repository = new DynamoDbTicketRepository(db.client(), db.names());
  final TicketUseCases service = TicketUseCases.over(repository, new DynamoDbUserDirectory(db.client(), db.names().users()), AttachmentStore.none(), roster, RateLimiter.unlimited(), new CursorCodec("agent-load-secret-32-bytes-long!!!".getBytes(StandardCharsets.UTF_8)), List.of(), com.commercive.support.domain.ServiceLevels.DEFAULT, Clock.systemUTC(), () -> UUID.randomUUID().toString());

  String agent(int maxOpen) {
    String id = "agent-" + UUID.randomUUID().toString().substring(0, 8);
    roster.save(id, "Agent " + id, id + "@example.com", true, maxOpen);
    return id;
  }

  String ticket() {
    return service.open().open(OWNER, new NewTicket("Load " + UUID.randomUUID(), "high", "Help")).ticket().ticketId();
  }

  Ticket assign(String ticketId, String agentId) {
    return service.edit().edit(ADMIN, ticketId, new TicketUpdate(null, null, Optional.ofNullable(agentId)), VersionCondition.any());
  }

  int load(String agentId) {
    return roster.find(agentId).orElseThrow().openAssigned();
  }

  @Test
  void theCountFollowsAssignmentsClosesAndReopens() {
    String alex = agent(5);
    String bea = agent(5);
    String id = ticket();
    Ticket assigned = assign(id, alex);
    assertThat(assigned.assignee().agentId()).isEqualTo(alex);
    assertThat(assigned.assignee().name()).isEqualTo("Agent " + alex);
    assertThat(load(alex)).isEqualTo(1);
    assertThat(roster.find(alex).orElseThrow().lastAssignedAt()).isNotNull();

    assign(id, bea);
    assertThat(load(alex)).isZero();
    assertThat(load(bea)).isEqualTo(1);

    service.edit().edit(ADMIN, id, new TicketUpdate("closed", null), VersionCondition.any());
    assertThat(load(bea)).isZero();
    service.post().post(OWNER, id, new NewMessage("Still broken", null, false));
    assertThat(repository.find(id).orElseThrow().status()).isEqualTo(TicketStatus.OPEN);
    assertThat(load(bea)).isEqualTo(1);

    service.post().post(ADMIN, id, new NewMessage("Fixed now", null, true));
    assertThat(load(bea)).isZero();
    assign(id, null);
    assertThat(repository.find(id).orElseThrow().assignee()).isNull();
    assertThat(load(bea)).isZero();
  }

  @Test
  void aFullAgentIsRefusedAndTheTicketStaysAsItWas() {
    String alex = agent(2);
    assign(ticket(), alex);
    assign(ticket(), alex);
    String third = ticket();
    Ticket before = repository.find(third).orElseThrow();
    assertThatThrownBy(() -> assign(third, alex)).isInstanceOf(AgentAtCapacityException.class);
    assertThat(repository.find(third)).contains(before);
    assertThat(load(alex)).isEqualTo(2);
  }

  /** A merchant writing to a closed ticket whose agent has no room: the message is kept, the ticket goes back unassigned. */
  @Test
  void aReopenedTicketWhoseAgentIsFullIsKeptAndUnassigned() {
    String alex = agent(1);
    String old = ticket();
    assign(old, alex);
    service.edit().edit(ADMIN, old, new TicketUpdate("closed", null), VersionCondition.any());
    assign(ticket(), alex);
    assertThat(load(alex)).isEqualTo(1);

    var posted = service.post().post(OWNER, old, new NewMessage("It broke again", null, false));
    assertThat(posted.message().text()).isEqualTo("It broke again");
    Ticket reopened = repository.find(old).orElseThrow();
    assertThat(reopened.status()).isEqualTo(TicketStatus.OPEN);
    assertThat(reopened.assignee()).isNull();
    assertThat(load(alex)).isEqualTo(1);
  }

  @Test
  void twentyAssignmentsRacingForFiveSeatsFillExactlyFive() throws Exception {
    String alex = agent(5);
    List<String> tickets = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      tickets.add(ticket());
    }
    List<String> queue = new ArrayList<>(tickets);
    List<Boolean> outcomes = races.race(20, () -> {
      String id;
      synchronized (queue) {
        id = queue.remove(0);
      }
      try {
        assign(id, alex);
        return true;
      } catch (AgentAtCapacityException full) {
        return false;
      }
    });
    assertThat(outcomes.stream().filter(ok -> ok)).hasSize(5);
    assertThat(load(alex)).isEqualTo(5);
    assertThat(tickets.stream().map(id -> repository.find(id).orElseThrow())
        .filter(t -> t.assignee() != null)).hasSize(5);
  }

  /** Issue 15: the inbox by assignee ({@code me}, {@code none}, an agent), with or without a status: full pages, calls per page constant. */
  @Test
  void theInboxFiltersByAssigneeInFullPagesWithConstantCalls() {
    String alex = agent(20);
    String bea = agent(20);
    List<String> alexs = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String id = ticket();
      assign(id, alex);
      alexs.add(0, id);
    }
    service.edit().edit(ADMIN, alexs.get(0), new TicketUpdate("closed", null), VersionCondition.any());
    assign(ticket(), bea);
    Caller alexCaller = new Caller(alex, true, "Alex", null);

    List<String> seen = new ArrayList<>();
    String cursor = null;
    do {
      recorder.reset();
      var page = service.read().listAll(alexCaller, new ReadTickets.ListQuery(null, "2", cursor, "me"));
      assertThat(recorder.operations()).as("calls for one page").hasSizeLessThanOrEqualTo(3).containsOnly("Query");
      assertThat(page.tickets()).hasSizeLessThanOrEqualTo(2);
      if (page.nextCursor() != null) {
        assertThat(page.tickets()).hasSize(2);
      }
      page.tickets().forEach(t -> seen.add(t.ticketId()));
      cursor = page.nextCursor();
    } while (cursor != null);
    assertThat(seen).containsExactlyInAnyOrderElementsOf(alexs);

    var openOnes = service.read().listAll(ADMIN, new ReadTickets.ListQuery("open", "10", null, alex));
    assertThat(openOnes.tickets()).hasSize(4).allMatch(t -> t.assignee().agentId().equals(alex));
    var unassigned = service.read().listAll(ADMIN, new ReadTickets.ListQuery(null, "100", null, "none"));
    assertThat(unassigned.tickets()).noneMatch(t -> t.assignee() != null);
    assertThat(service.read().listAll(ADMIN, new ReadTickets.ListQuery(null, "100", null, bea)).tickets()).hasSize(1);
  }

  /**
   * Issue 15: thirty tickets need a person at once and six assigners race to seat them with three
   * agents of four seats: exactly twelve are assigned, four each, the twelve that waited longest;
   * a seat freed later goes to the longest-waiting of the rest.
   */
  @Test
  void manyTicketsNeedingAnAgentAtOnceFillTheSeatsInArrivalOrder() throws Exception {
    try (FreshTables own = FreshTables.create()) {
      var ownRoster = new DynamoDbAgentRoster(own.client(), own.names().agents());
      var ownRepository = new DynamoDbTicketRepository(own.client(), own.names());
      var ownService = TicketUseCases.over(ownRepository, new DynamoDbUserDirectory(own.client(), own.names().users()), AttachmentStore.none(), ownRoster, RateLimiter.unlimited(), new CursorCodec("agent-load-secret-32-bytes-long!!!".getBytes(StandardCharsets.UTF_8)), List.of(), com.commercive.support.domain.ServiceLevels.DEFAULT, Clock.systemUTC(), () -> UUID.randomUUID().toString());
      var assignments = new AssignmentService(ownRepository, ownRoster, Clock.systemUTC());
      List<String> agents = List.of("ann", "ben", "cat");
      agents.forEach(a -> ownRoster.save(a, "Agent " + a, null, true, 4));
      List<String> tickets = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        tickets.add(ownService.open().open(OWNER, new NewTicket("Waiting " + i, "high", "Help")).ticket().ticketId());
      }
      // They start waiting one after another (arrival order), then the assigners race.
      for (String id : tickets) {
        assertThat(assignments.needsAgent(id)).isTrue();
        Thread.sleep(2);
      }
      List<Integer> assigned = races.race(6, assignments::assignWaiting);

      assertThat(assigned.stream().mapToInt(Integer::intValue).sum()).isEqualTo(12);
      for (String agent : agents) {
        assertThat(ownRoster.find(agent).orElseThrow().openAssigned()).as(agent).isEqualTo(4);
      }
      List<String> seated = tickets.stream().filter(id -> ownRepository.find(id).orElseThrow().assignee() != null).toList();
      assertThat(seated).containsExactlyElementsOf(tickets.subList(0, 12));
      assertThat(ownRepository.waiting(100)).extracting(Ticket::ticketId).containsExactlyElementsOf(tickets.subList(12, 30));

      // A seat frees up: the longest-waiting ticket of the rest takes it.
      ownService.edit().edit(ADMIN, seated.get(0), new TicketUpdate("closed", null), VersionCondition.any());
      assertThat(assignments.assignWaiting()).isEqualTo(1);
      assertThat(ownRepository.find(tickets.get(12)).orElseThrow().assignee()).isNotNull();
      assertThat(agents.stream().mapToInt(a -> ownRoster.find(a).orElseThrow().openAssigned()).sum()).isEqualTo(12);
    }
  }
}
