package com.commercive.support.store.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.commercive.support.domain.ConflictException;
import com.commercive.support.domain.Message;
import com.commercive.support.domain.Priority;
import com.commercive.support.domain.SenderType;
import com.commercive.support.domain.Ticket;
import com.commercive.support.domain.User;
import com.commercive.support.fakes.InMemoryTicketRepository;
import com.commercive.support.fakes.InMemoryUserDirectory;
import com.commercive.support.pipeline.EmailComposer;
import com.commercive.support.pipeline.Notification;
import com.commercive.support.pipeline.NotificationService;
import com.commercive.support.resources.TableNames;
import com.commercive.support.service.IdempotencyService;
import com.commercive.support.standins.DynamoDbLocalServer;
import com.commercive.support.store.IdempotencyStore.StoredResponse;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The guarantees that rest on DynamoDB's conditional writes, raced against DynamoDB Local: abuse
 * limits let exactly the limit through, an idempotency key runs its request once, a notification's
 * email is sent once. (DynamoDB Local applies conditional writes to one item one at a time, as
 * DynamoDB does: 20 rounds of 60 concurrent callers let exactly 10 through a limit of 10.)
 */
class ConditionalWriteRacesIT {
  static final int ROUNDS = 5;
  /**
   * Tomorrow at 10:15 UTC: the counters must not expire while the test runs. DynamoDB Local
   * removes items whose TTL attribute is past, so a clock fixed in the past (as our tests once
   * used) lets it delete a counter mid-race and the uses after start from zero: that, not a lack
   * of serialisation, was the 17-20 of 30 through a limit of 10.
   */
  static final Instant QUARTER_PAST = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.DAYS)
      .plus(Duration.ofDays(1)).plus(Duration.ofMinutes(10 * 60 + 15));
  static final int CALLERS = 30;
  static DynamoDbClient client;
  static TableNames tables;
  static final ExecutorService pool = Executors.newFixedThreadPool(CALLERS);

  @BeforeAll
  static void start() {
    client = DynamoDbLocalServer.client();
    tables = DynamoDbLocalServer.createTables(client);
  }

  @AfterAll
  static void stop() {
    pool.shutdownNow();
    client.close();
  }

  /** Runs {@code callers} copies of {@code task} at the same moment; their results. */
  static <T> List<T> race(int callers, Callable<T> task) throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    List<Future<T>> futures = new ArrayList<>();
    for (int i = 0; i < callers; i++) {
      futures.add(pool.submit(() -> {
        go.await();
        return task.call();
      }));
    }
    go.countDown();
    List<T> results = new ArrayList<>();
    for (Future<T> future : futures) {
      results.add(future.get(60, TimeUnit.SECONDS));
    }
    return results;
  }

  @Test
  void aLimitLetsExactlyItsAllowanceThroughARace() throws Exception {
    DynamoDbRateLimitStore store = new DynamoDbRateLimitStore(client, tables.idempotency());
    Instant now = QUARTER_PAST;
    for (int round = 0; round < ROUNDS; round++) {
      String key = "AI_REQUESTS#racer-" + round;
      List<Optional<Duration>> answers = race(CALLERS, () -> store.tryAcquire(key, 10, Duration.ofHours(1), now));
      assertThat(answers.stream().filter(Optional::isEmpty)).as("round %d", round).hasSize(10);
      // The refused learn when the next use fits: 11:06, once a tenth of this hour has slid out.
      assertThat(answers.stream().filter(Optional::isPresent).map(Optional::get))
          .allMatch(wait -> wait.equals(Duration.ofMinutes(51)));
    }
  }

  /** Issue 13: 40 tickets were accepted within 13 s around 16:00 with a limit of 20. */
  @Test
  void aRaceAcrossTheHoursTurnGetsNoSecondAllowance() throws Exception {
    DynamoDbRateLimitStore store = new DynamoDbRateLimitStore(client, tables.idempotency());
    String key = "TICKETS#turner";
    Instant before = QUARTER_PAST.plus(Duration.ofMinutes(5 * 60 + 44)).plus(Duration.ofSeconds(55)); // 15:59:55
    long first = race(CALLERS, () -> store.tryAcquire(key, 20, Duration.ofHours(1), before))
        .stream().filter(Optional::isEmpty).count();
    Instant after = before.plusSeconds(10); // 16:00:05
    long second = race(CALLERS, () -> store.tryAcquire(key, 20, Duration.ofHours(1), after))
        .stream().filter(Optional::isEmpty).count();
    assertThat(first).isEqualTo(20);
    assertThat(second).isZero();
  }

  @Test
  void anIdempotencyKeyRunsItsRequestOnceWhateverTheRace() throws Exception {
    IdempotencyService idempotency = new IdempotencyService(
        new DynamoDbIdempotencyStore(client, tables.idempotency()), Clock.systemUTC());
    for (int round = 0; round < ROUNDS; round++) {
      String key = "key-" + UUID.randomUUID();
      AtomicInteger executions = new AtomicInteger();
      List<String> outcomes = race(CALLERS, () -> {
        try {
          IdempotencyService.Outcome outcome = idempotency.execute("user-1\u0000user", key, "POST /t\n{}", () -> {
            executions.incrementAndGet();
            pause(50); // long enough for the others to arrive while it runs
            return new StoredResponse(201, "/support/tickets/t-" + key, "{}");
          });
          return outcome.replayed() ? "replayed" : "executed";
        } catch (ConflictException stillRunning) {
          return "conflict";
        }
      });
      assertThat(executions).as("round %d", round).hasValue(1);
      assertThat(outcomes).as("round %d", round).containsOnlyOnce("executed");
    }
  }

  @Test
  void aNotificationRedeliveredToManyWorkersAtOnceSendsOneEmail() throws Exception {
    InMemoryTicketRepository tickets = new InMemoryTicketRepository();
    Ticket ticket = Ticket.open("t-race", "owner-1", "Race subject", Priority.MEDIUM, Instant.now());
    Message reply = new Message("m-race", ticket.ticketId(), "admin-1", SenderType.ADMIN, "Here you go", null,
        Instant.now());
    tickets.create(ticket, null);
    tickets.apply(tickets.find(ticket.ticketId()).orElseThrow(),
        new com.commercive.support.domain.TicketChange(reply, com.commercive.support.domain.TicketStatus.PENDING,
            reply.createdAt(), true));
    for (int round = 0; round < ROUNDS; round++) {
      AtomicInteger sent = new AtomicInteger();
      NotificationService notifications = new NotificationService(tickets,
          new InMemoryUserDirectory(new User("owner-1", "Dana", "dana@example.com", "user")),
          new DynamoDbIdempotencyStore(client, tables.idempotency()), email -> {
            sent.incrementAndGet();
            pause(50);
          }, new EmailComposer(URI.create("https://app.commercive.com")), List.of("team@example.com"),
          Clock.systemUTC());
      Notification notification = new Notification("reply-" + round + "-" + UUID.randomUUID(),
          Notification.Kind.REPLY, ticket.ticketId(), reply.messageId());
      race(CALLERS, () -> {
        try {
          return notifications.handle(notification);
        } catch (RuntimeException inProgressElsewhere) {
          return null; // fails the delivery: the queue would redeliver it
        }
      });
      assertThat(sent).as("round %d", round).hasValue(1);
      notifications.handle(notification);
      assertThat(sent).as("round %d, after a redelivery", round).hasValue(1);
    }
  }

  static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
