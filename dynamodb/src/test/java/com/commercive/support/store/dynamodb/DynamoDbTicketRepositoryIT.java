package com.commercive.support.store.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.commercive.support.domain.ConflictException;
import com.commercive.support.domain.DuplicateMessageException;
import com.commercive.support.domain.Message;
import com.commercive.support.domain.NotFoundException;
import com.commercive.support.domain.Priority;
import com.commercive.support.domain.PrioritySource;
import com.commercive.support.domain.SenderType;
import com.commercive.support.domain.Ticket;
import com.commercive.support.domain.TicketChange;
import com.commercive.support.domain.TicketStatus;
import com.commercive.support.domain.ValidationException;
import com.commercive.support.resources.TableNames;
import com.commercive.support.standins.DynamoDbLocalServer;
import com.commercive.support.store.Page;
import com.commercive.support.testing.DynamoDbCallRecorder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The ticket store against DynamoDB Local. */
class DynamoDbTicketRepositoryIT {
  // Longer than most: the ticket repository's queries and transactions against DynamoDB Local.
  static final Instant T0 = Instant.parse("2026-11-24T10:00:00.000Z");
  static DynamoDbCallRecorder recorder = new DynamoDbCallRecorder();
  static DynamoDbClient client;
  static TableNames tables;
  DynamoDbTicketRepository repository;
  String user;

  @BeforeAll
  static void startDynamoDb() {
    client = DynamoDbLocalServer.client(recorder);
    tables = DynamoDbLocalServer.createTables(client);
  }

  @AfterAll
  static void closeClient() {
    client.close();
  }

  @BeforeEach
  void setUp() {
    repository = new DynamoDbTicketRepository(client, tables);
    user = "user-" + UUID.randomUUID();
    recorder.reset();
  }

  static String id() {
    return UUID.randomUUID().toString();
  }

  Ticket ticket(String userId, Instant at) {
    return Ticket.open(id(), userId, "Subject of " + userId, Priority.HIGH, at);
  }

  Message message(Ticket ticket, SenderType sender, String senderId, String text, Instant at) {
    return new Message(id(), ticket.ticketId(), senderId, sender, text, null, at);
  }

  /** A fixed change on top of whatever the ticket is when it lands. */
  Ticket apply(Ticket ticket, TicketChange change) {
    return repository.update(ticket.ticketId(), current -> java.util.Optional.of(change)).orElseThrow().ticket();
  }

  @Test
  void storesATicketAndItsFirstMessageInOneTransaction() {
    Ticket ticket = ticket(user, T0);
    Message first = message(ticket, SenderType.USER, user, "Hello", T0);
    Ticket withMessage = ticket.with(new TicketChange(first, TicketStatus.OPEN, T0, false));

    repository.create(withMessage, first);

    assertThat(recorder.operations()).containsExactly("TransactWriteItems");
    assertThat(repository.find(ticket.ticketId())).contains(withMessage);
    Map<String, AttributeValue> item =
        client.getItem(r -> r.tableName(tables.messages())
            .key(Map.of("message_id", AttributeValue.fromS(first.messageId())))).item();
    // The seed's attribute names and types.
    assertThat(item.get("ticket_id").s()).isEqualTo(ticket.ticketId());
    assertThat(item.get("sender_id").s()).isEqualTo(user);
    assertThat(item.get("sender_type").s()).isEqualTo("user");
    assertThat(item.get("message").s()).isEqualTo("Hello");
    assertThat(item.get("is_ai_response").bool()).isFalse();
    assertThat(item.get("created_at").s()).isEqualTo("2026-11-24T10:00:00.000Z");
    assertThat(repository.find("missing-" + id())).isEmpty();
  }

  @Test
  void appliesAPostAtomicallyAndReadsBackTheStoredTicket() {
    Ticket ticket = ticket(user, T0);
    repository.create(ticket, null);
    Message reply = message(ticket, SenderType.ADMIN, "admin-1", "We are on it", T0.plusSeconds(5));

    recorder.reset();
    Ticket updated =
        apply(ticket, new TicketChange(reply, TicketStatus.PENDING, reply.createdAt(), true));

    assertThat(recorder.operations()).containsExactly("GetItem", "TransactWriteItems");
    assertThat(updated.status()).isEqualTo(TicketStatus.PENDING);
    assertThat(updated.messageCount()).isEqualTo(1);
    assertThat(updated.updatedAt()).isEqualTo(reply.createdAt());
    assertThat(updated.lastMessage().preview()).isEqualTo("We are on it");
    assertThat(updated.lastMessage().senderType()).isEqualTo(SenderType.ADMIN);
    assertThat(updated.humanReplied()).isTrue();
    assertThat(repository.listByUser(user, TicketStatus.PENDING, 10, null).items())
        .extracting(Ticket::ticketId)
        .containsExactly(ticket.ticketId());
    assertThat(repository.listByUser(user, TicketStatus.OPEN, 10, null).items()).isEmpty();
  }

  @Test
  void anAgentsEditIsOneConditionalUpdateAndReadsBackWhatItSet() {
    Ticket ticket = ticket(user, T0);
    repository.create(ticket, null);
    assertThat(repository.find(ticket.ticketId()).orElseThrow().prioritySource()).isEqualTo(PrioritySource.USER);

    recorder.reset();
    Ticket edited = apply(ticket, new TicketChange(null, TicketStatus.PENDING, T0.plusSeconds(3), false,
        new TicketChange.Edit(Priority.LOW)));

    assertThat(recorder.operations()).containsExactly("GetItem", "UpdateItem");
    Ticket stored = repository.find(ticket.ticketId()).orElseThrow();
    assertThat(stored).isEqualTo(edited);
    assertThat(stored.priority()).isEqualTo(Priority.LOW);
    assertThat(stored.prioritySource()).isEqualTo(PrioritySource.AGENT);
    assertThat(stored.status()).isEqualTo(TicketStatus.PENDING);
    assertThat(stored.version()).isEqualTo(ticket.version() + 1);
    assertThat(stored.assignee()).isNull();
  }

  /**
   * Issue 15: a note is stored beside the thread without touching the ticket; the owner's pages
   * leave notes out and are still full, and the assistant's context never holds one.
   */
  @Test
  void notesStayOutOfTheOwnersPagesAndTheAssistantsContext() {
    Ticket ticket = ticket(user, T0);
    repository.create(ticket, null);
    Ticket current = ticket;
    for (int i = 0; i < 12; i++) {
      Instant at = T0.plusSeconds(1 + 2L * i);
      current = apply(current, new TicketChange(message(current, SenderType.USER, user, "public " + i, at),
          TicketStatus.OPEN, at, false));
      repository.addNote(Message.note(id(), ticket.ticketId(), "admin-1", "note " + i, null, at.plusMillis(500)));
    }
    Ticket stored = repository.find(ticket.ticketId()).orElseThrow();
    assertThat(stored.messageCount()).isEqualTo(12);
    assertThat(stored.lastMessage().preview()).isEqualTo("public 11");
    assertThat(stored.version()).isEqualTo(12);

    Page<Message> first = repository.listMessages(ticket.ticketId(), 5, null, false);
    Page<Message> second = repository.listMessages(ticket.ticketId(), 5, first.next(), false);
    Page<Message> third = repository.listMessages(ticket.ticketId(), 5, second.next(), false);
    assertThat(first.items()).extracting(Message::text).containsExactly("public 0", "public 1", "public 2", "public 3",
        "public 4");
    assertThat(second.items()).hasSize(5).noneMatch(Message::internal);
    assertThat(third.items()).extracting(Message::text).containsExactly("public 10", "public 11");
    assertThat(third.next()).isNull();
    Page<Message> all = repository.listMessages(ticket.ticketId(), 100, null, true);
    assertThat(all.items()).hasSize(24);
    assertThat(all.items().get(1)).satisfies(m -> {
      assertThat(m.text()).isEqualTo("note 0");
      assertThat(m.internal()).isTrue();
    });

    assertThat(repository.recentMessages(ticket.ticketId(), 4)).extracting(Message::text)
        .containsExactly("public 8", "public 9", "public 10", "public 11");
  }

  @Test
  void aNoteNeedsItsTicketAndIsStoredOnce() {
    Message orphan = Message.note(id(), "no-such-ticket", "admin-1", "lost", null, T0);
    assertThatThrownBy(() -> repository.addNote(orphan)).isInstanceOf(NotFoundException.class);
    Ticket ticket = ticket(user, T0);
    repository.create(ticket, null);
    Message note = Message.note(id(), ticket.ticketId(), "admin-1", "once", null, T0.plusSeconds(1));
    repository.addNote(note);
    assertThatThrownBy(() -> repository.addNote(note)).isInstanceOf(DuplicateMessageException.class);
    assertThat(repository.findMessage(note.messageId())).contains(note);
    assertThat(repository.find(ticket.ticketId())).contains(ticket);
  }

  /** Tickets written before Part 2 have no priority source: the merchant set their priority. */
  @Test
  void aTicketStoredBeforeItsNewFieldsReadsAsTheMerchantsPriority() {
    Ticket ticket = ticket(user, T0);
    Map<String, AttributeValue> item = new HashMap<>(TicketItems.toItem(ticket));
    item.remove(TicketItems.PRIORITY_SOURCE);
    client.putItem(r -> r.tableName(tables.tickets()).item(item));
    Ticket read = repository.find(ticket.ticketId()).orElseThrow();
    assertThat(read.prioritySource()).isEqualTo(PrioritySource.USER);
    assertThat(read.priorityReason()).isNull();
    assertThat(read.assignee()).isNull();
  }

  @Test
  void aRefusedChangeWritesNothingAndAMissingTicketIsNotFound() {
    Ticket ticket = ticket(user, T0);
    repository.create(ticket, null);
    Ticket closed = apply(ticket, new TicketChange(null, TicketStatus.CLOSED, T0.plusSeconds(1), true));
    assertThat(closed.version()).isEqualTo(1);
    assertThatThrownBy(() -> repository.update(ticket.ticketId(), current -> {
      throw new ConflictException("the ticket is already closed");
    })).isInstanceOf(ConflictException.class);
    assertThat(repository.update(ticket.ticketId(), current -> java.util.Optional.empty())).isEmpty();
    assertThat(repository.find(ticket.ticketId())).contains(closed);

    Ticket ghost = ticket(user, T0);
    assertThatThrownBy(
            () -> apply(ghost, new TicketChange(
                message(ghost, SenderType.USER, user, "hi", T0), TicketStatus.OPEN, T0, false)))
        .isInstanceOf(NotFoundException.class);
    assertThat(repository.listMessages(ghost.ticketId(), 10, null, true).items()).isEmpty();
  }

  @Test
  void parallelPostsNeverLoseACount() throws Exception {
    Ticket ticket = ticket(user, T0);
    repository.create(ticket, null);
    int posts = 24;
    ExecutorService pool = Executors.newFixedThreadPool(posts);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Ticket>> results = new ArrayList<>();
    for (int i = 0; i < posts; i++) {
      Instant at = T0.plusMillis(i + 1);
      Message m = message(ticket, SenderType.USER, user, "post " + i, at);
      results.add(pool.submit(() -> {
        start.await();
        return apply(ticket, new TicketChange(m, TicketStatus.OPEN, at, false));
      }));
    }
    start.countDown();
    for (Future<Ticket> result : results) {
      result.get();
    }
    pool.shutdown();

    assertThat(repository.find(ticket.ticketId()).orElseThrow().messageCount()).isEqualTo(posts);
    assertThat(repository.listMessages(ticket.ticketId(), 200, null, true).items()).hasSize(posts);
  }

  @Test
  void aStatusFilteredListReturnsFullPagesInOneQueryEach() {
    Set<String> closed = new HashSet<>();
    for (int i = 0; i < 30; i++) {
      Ticket t = ticket(user, T0.plusSeconds(i));
      repository.create(t, null);
      if (i % 3 == 0) {
        apply(t, new TicketChange(null, TicketStatus.CLOSED, T0.plusSeconds(100 + i), true));
        closed.add(t.ticketId());
      }
    }
    repository.create(ticket("someone-else", T0), null);

    List<String> seen = new ArrayList<>();
    String after = null;
    List<Integer> sizes = new ArrayList<>();
    do {
      recorder.reset();
      Page<Ticket> page = repository.listByUser(user, TicketStatus.CLOSED, 4, after);
      assertThat(recorder.operations()).containsExactly("Query");
      sizes.add(page.items().size());
      page.items().forEach(t -> seen.add(t.ticketId()));
      after = page.next();
    } while (after != null);

    assertThat(sizes).containsExactly(4, 4, 2);
    assertThat(seen).containsExactlyInAnyOrderElementsOf(closed);
    // Newest first.
    List<Ticket> all = repository.listByUser(user, null, 100, null).items();
    assertThat(all).hasSize(30);
    assertThat(all.get(0).createdAt()).isAfter(all.get(29).createdAt());
  }

  @Test
  void theMergedInboxPagesEveryTicketByLastUpdate() {
    String prefix = "inbox-" + UUID.randomUUID() + "-";
    // Other tests' tickets are in the same tables: the inbox covers them all, so count only ours.
    List<Ticket> ours = new ArrayList<>();
    for (int i = 0; i < 17; i++) {
      Instant at = Instant.parse("2030-01-01T00:00:00Z").plusSeconds(i);
      Ticket t = ticket(prefix + i, at);
      repository.create(t, null);
      TicketStatus status = TicketStatus.values()[i % 3];
      if (status != TicketStatus.OPEN) {
        t = apply(t, new TicketChange(null, status, at.plusMillis(500), true));
      }
      ours.add(t);
    }
    List<String> expected =
        ours.stream()
            .sorted((a, b) -> b.updatedAt().compareTo(a.updatedAt()))
            .map(Ticket::ticketId)
            .toList();

    List<String> seen = new ArrayList<>();
    String after = null;
    do {
      recorder.reset();
      Page<Ticket> page = repository.listAll(null, null, 5, after);
      assertThat(recorder.operations()).hasSizeLessThanOrEqualTo(3).containsOnly("Query");
      assertThat(page.items()).hasSizeLessThanOrEqualTo(5);
      if (page.next() != null) {
        assertThat(page.items()).hasSize(5);
      }
      page.items().forEach(t -> seen.add(t.ticketId()));
      after = page.next();
    } while (after != null);

    assertThat(seen).doesNotHaveDuplicates();
    List<String> oursInOrder = seen.stream().filter(expected::contains).toList();
    assertThat(oursInOrder).containsExactlyElementsOf(expected);
    // The newest updates in the whole table are ours (dated 2030), so they lead the inbox.
    assertThat(seen.subList(0, 17)).containsExactlyElementsOf(expected);

    Page<Ticket> pending = repository.listAll(TicketStatus.PENDING, null, 100, null);
    assertThat(pending.items()).allMatch(t -> t.status() == TicketStatus.PENDING);
  }

  @Test
  void tokensCannotWanderToAnotherList() {
    for (int i = 0; i < 3; i++) {
      repository.create(ticket(user, T0.plusSeconds(i)), null);
    }
    String token = repository.listByUser(user, null, 1, null).next();
    assertThat(token).isNotNull();
    assertThatThrownBy(() -> repository.listByUser("someone-else", null, 1, token))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> repository.listByUser(user, null, 1, "{\"ticket_id\":1}"))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> repository.listByUser(user, null, 1, "not json"))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void aPageOfLargeMessagesIsCompleteBeyondDynamoDbsOneMegabyteResponses() {
    Ticket ticket = ticket(user, T0);
    repository.create(ticket, null);
    String big = "x".repeat(10_000);
    // 150 × 10 KB ≈ 1.5 MB: more than one Query response can hold.
    for (int i = 0; i < 150; i++) {
      Instant at = T0.plusMillis(i);
      Message m = message(ticket, SenderType.USER, user, big, at);
      apply(ticket, new TicketChange(m, TicketStatus.OPEN, at, false));
    }
    recorder.reset();
    Page<Message> page = repository.listMessages(ticket.ticketId(), 200, null, true);
    assertThat(page.items()).hasSize(150);
    assertThat(page.next()).isNull();
    assertThat(recorder.operations()).hasSizeGreaterThan(1).containsOnly("Query");
    for (int i = 1; i < page.items().size(); i++) {
      assertThat(page.items().get(i).createdAt()).isAfter(page.items().get(i - 1).createdAt());
    }
  }

  @Test
  void callsAndCapacityPerListStayFlatAsDataGrows() {
    String small = "flat-small-" + UUID.randomUUID();
    String large = "flat-large-" + UUID.randomUUID();
    repository.create(ticket(small, T0), null);
    for (int i = 0; i < 100; i++) {
      repository.create(ticket(large, T0.plusSeconds(i)), null);
    }
    recorder.reset();
    repository.listByUser(small, null, 1, null);
    double smallUnits = recorder.capacityUnits();
    List<String> smallCalls = recorder.operations();
    recorder.reset();
    repository.listByUser(large, null, 1, null);
    assertThat(recorder.operations()).isEqualTo(smallCalls).containsExactly("Query");
    assertThat(recorder.capacityUnits()).isEqualTo(smallUnits).isGreaterThan(0);
  }
}
