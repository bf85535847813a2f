package com.commercive.support.bench;

import com.commercive.support.domain.Agent;
import com.commercive.support.store.AttachmentStore;
import com.commercive.support.service.ReadTickets;
import com.commercive.support.service.EditTicket;
import com.commercive.support.service.PostMessage;
import com.commercive.support.service.OpenTicket;
import com.commercive.support.domain.Caller;
import com.commercive.support.domain.User;
import com.commercive.support.fakes.MutableClock;
import com.commercive.support.resources.TableNames;
import com.commercive.support.service.AgentService;
import com.commercive.support.service.CannedResponseService.Draft;
import com.commercive.support.service.CannedResponseService;
import com.commercive.support.service.CursorCodec;
import com.commercive.support.service.RateLimiter;
import com.commercive.support.service.ReadTickets.ListQuery;
import com.commercive.support.service.PostMessage.NewMessage;
import com.commercive.support.service.OpenTicket.NewTicket;
import com.commercive.support.service.EditTicket.TicketUpdate;
import com.commercive.support.service.TicketUseCases;
import com.commercive.support.standins.DynamoDbLocalServer;
import com.commercive.support.store.dynamodb.DynamoDbAgentRoster;
import com.commercive.support.store.dynamodb.DynamoDbCannedResponseStore;
import com.commercive.support.store.dynamodb.DynamoDbTicketRepository;
import com.commercive.support.store.dynamodb.DynamoDbUserDirectory;
import com.commercive.support.store.dynamodb.UserItems;
import com.commercive.support.testing.DynamoDbCallRecorder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import com.commercive.support.domain.VersionCondition;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * DynamoDB calls and consumed capacity per request, as the data grows, for this design and for
 * the seed's naive one (a query per ticket for its preview, a GetItem per message sender).
 * Prints a table; run with {@code mvn -q -pl bench -am install -DskipTests && mvn -q -pl bench
 * exec:java -Dexec.mainClass=com.commercive.support.bench.DynamoDbWorkBench}.
 */
public final class DynamoDbWorkBench {
  private final DynamoDbCallRecorder recorder = new DynamoDbCallRecorder();
  private final DynamoDbClient dynamoDb = DynamoDbLocalServer.client(recorder);
  private final TableNames tables = DynamoDbLocalServer.createTables(dynamoDb);
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T00:00:00Z"));
  private final DynamoDbAgentRoster roster = new DynamoDbAgentRoster(dynamoDb, tables.agents());
  private final TicketUseCases service = TicketUseCases.over(new DynamoDbTicketRepository(dynamoDb, tables), new DynamoDbUserDirectory(dynamoDb, tables.users()), AttachmentStore.none(), roster, RateLimiter.unlimited(), new CursorCodec("bench-secret-bench-secret-bench-secret!".getBytes(StandardCharsets.UTF_8)), List.of(), com.commercive.support.domain.ServiceLevels.DEFAULT, clock, () -> UUID.randomUUID().toString());

  public static void main(String[] args) {
    new DynamoDbWorkBench().run();
    System.exit(0);
  }

  record Measure(int calls, double units) {}

  private Measure measure(Runnable action) {
    recorder.reset();
    action.run();
    return new Measure(recorder.calls().size(), recorder.capacityUnits());
  }

  private void run() {
    for (int i = 0; i < 500; i++) {
      User user = new User("sender-" + i, "Sender " + i, "sender-" + i + "@example.com", i % 10 == 0 ? "admin" : "user");
      dynamoDb.putItem(r -> r.tableName(tables.users()).item(UserItems.toItem(user)));
    }
    System.out.println("| request | data | this design: calls | units | seed's design: calls | units |");
    System.out.println("|---|---|---|---|---|---|");
    for (int tickets : new int[] {1, 100, 1000}) {
      Caller owner = new Caller("owner-" + tickets, false);
      for (int i = 0; i < tickets; i++) {
        clock.advance(Duration.ofSeconds(1));
        service.open().open(owner, new NewTicket("Ticket number " + i, "high", "First message of " + i));
      }
      Measure list = measure(() -> service.read().listOwn(owner, new ListQuery(null, null, null)));
      Measure filtered = measure(() -> service.read().listOwn(owner, new ListQuery("open", null, null)));
      Measure naive = measure(() -> naiveList(owner.userId()));
      row("GET /support/tickets", tickets + " tickets", list, naive);
      row("GET /support/tickets?status=open", tickets + " tickets", filtered, naive);
    }
    // The inbox by assignee: a third of the tickets assigned to one agent, a third closed.
    roster.save("bench-agent", "Bench Agent", "agent@example.com", true, Agent.MAX_OPEN_LIMIT);
    Caller agent = new Caller("bench-agent", true, "Bench Agent", null);
    Caller inboxOwner = new Caller("inbox-owner", false);
    for (int i = 0; i < 600; i++) {
      clock.advance(Duration.ofSeconds(1));
      String id = service.open().open(inboxOwner, new NewTicket("Inbox ticket " + i, "low", "hello")).ticket().ticketId();
      if (i % 3 == 0) {
        service.edit().edit(agent, id, new TicketUpdate(null, null, Optional.of("bench-agent")), VersionCondition.any());
      } else if (i % 3 == 1) {
        service.edit().edit(agent, id, new TicketUpdate("closed", null), VersionCondition.any());
      }
    }
    for (String[] filter : new String[][] {{null, null}, {"open", null}, {null, "me"}, {"open", "me"}, {null, "none"}}) {
      Measure inbox = measure(() -> service.read().listAll(agent, new ListQuery(filter[0], "50", null, filter[1])));
      String query = (filter[0] == null ? "" : "status=" + filter[0]) + (filter[0] != null && filter[1] != null ? "&" : "")
          + (filter[1] == null ? "" : "assignee=" + filter[1]);
      row("GET /support/admin/tickets" + (query.isEmpty() ? "" : "?" + query) + " (limit 50)", "600 tickets", inbox, inbox);
    }
    // The team's tools: canned responses and the roster.
    CannedResponseService canned = new CannedResponseService(
        new DynamoDbCannedResponseStore(dynamoDb, tables.cannedResponses()), service.access(), service.post(),
        new DynamoDbUserDirectory(dynamoDb, tables.users()), clock, () -> UUID.randomUUID().toString());
    AgentService agentService = new AgentService(roster, new DynamoDbUserDirectory(dynamoDb, tables.users()), null);
    Caller teamMember = new Caller("sender-0", true);
    for (int i = 0; i < 50; i++) {
      canned.create(teamMember, new Draft("Answer " + i, "Hello {{customer_name}}, answer " + i, "answer-" + i));
    }
    Measure saveCanned = measure(() -> canned.create(teamMember, new Draft("One more", "Hi {{customer_name}}", "one-more")));
    row("POST /support/admin/canned-responses (with a shortcut)", "50 responses", saveCanned, saveCanned);
    Measure listCanned = measure(() -> canned.list(teamMember));
    row("GET /support/admin/canned-responses", "51 responses", listCanned, listCanned);
    String target = service.open().open(inboxOwner, new NewTicket("Canned target", "low", "hello")).ticket().ticketId();
    String cannedId = canned.list(teamMember).get(0).cannedResponseId();
    Measure postCanned = measure(() -> canned.post(teamMember, target, cannedId, new NewMessage(null, null, false)));
    row("POST …/messages with canned_response_id", "any", postCanned, postCanned);
    Measure putAgent = measure(() -> agentService.update(teamMember, "me", new AgentService.AgentUpdate(true, 10)));
    row("PUT /support/admin/agents/me", "2 agents", putAgent, putAgent);
    Measure listAgents = measure(() -> agentService.list(teamMember));
    row("GET /support/admin/agents", "2 agents", listAgents, listAgents);
    // The metrics: a range's read grows with its days, never with the tickets counted in them.
    var metricsStore = new com.commercive.support.store.dynamodb.DynamoDbMetricsStore(dynamoDb, tables.metrics(), clock);
    var metrics = new com.commercive.support.service.ReadMetrics(metricsStore);
    java.time.LocalDate firstDay = java.time.LocalDate.of(2026, 1, 1);
    for (int ticketsPerDay : new int[] {10, 1000}) {
      for (int day = 0; day < 92; day++) {
        // A day's tickets: one change each counted (opened, first reply, closed, rated).
        for (int change = 0; change < 4; change++) {
          metricsStore.add("bench-" + ticketsPerDay + "-" + day + "-" + change, firstDay.plusDays(day), Map.of(
              "tickets_created", (long) ticketsPerDay, "first_response_minutes_" + change, (long) ticketsPerDay,
              "tickets_closed", (long) ticketsPerDay, "csat_" + (change + 2), (long) ticketsPerDay));
        }
      }
      for (int days : new int[] {1, 92}) {
        String to = firstDay.plusDays(days - 1).toString();
        Measure read = measure(() -> metrics.report(teamMember, firstDay.toString(), to));
        row("GET /support/admin/metrics", days + " day" + (days == 1 ? "" : "s") + ", "
            + (ticketsPerDay == 10 ? 10 : 1010) + " tickets a day", read, read);
      }
    }
    Measure create = measure(() -> service.open().open(new Caller("creator", false), new NewTicket("A new ticket", null, "Hello")));
    row("POST /support/tickets (with a message)", "any", create, create);
    for (int messages : new int[] {1, 50, 500}) {
      Caller owner = new Caller("sender-1", false);
      String ticketId = service.open().open(owner, new NewTicket("Thread of " + messages, null, "start")).ticket().ticketId();
      for (int i = 1; i < messages; i++) {
        clock.advance(Duration.ofMillis(10));
        Caller sender = new Caller("sender-" + (i % 500), (i % 500) % 10 == 0);
        service.post().post(sender.admin() ? sender : owner, ticketId, new NewMessage("message " + i, null, false));
      }
      Caller admin = new Caller("sender-0", true);
      Measure thread = measure(() -> service.read().conversation(admin, ticketId, new ListQuery(null, "200", null)));
      Measure naive = measure(() -> naiveThread(ticketId));
      row("GET /support/tickets/{id}/messages?limit=200", messages + " messages", thread, naive);
      Measure post = measure(() -> service.post().post(owner, ticketId, new NewMessage("one more", null, false)));
      row("POST /support/tickets/{id}/messages", messages + " messages", post, post);
      Measure patch = measure(() -> service.edit().edit(admin, ticketId, new TicketUpdate("pending", "low"), VersionCondition.any()));
      row("PATCH /support/tickets/{id}", messages + " messages", patch, patch);
    }
  }

  /** The seed: every ticket of the user, then a query per ticket for its newest message. */
  private void naiveList(String userId) {
    var tickets = dynamoDb.query(r -> r.tableName(tables.tickets()).indexName("user-tickets-index")
        .keyConditionExpression("user_id = :u").expressionAttributeValues(Map.of(":u", AttributeValue.fromS(userId)))
        .scanIndexForward(false)).items();
    for (var ticket : tickets) {
      dynamoDb.query(r -> r.tableName(tables.messages()).indexName("ticket-messages-index")
          .keyConditionExpression("ticket_id = :t")
          .expressionAttributeValues(Map.of(":t", ticket.get("ticket_id"))).scanIndexForward(false).limit(1));
    }
  }

  /** The seed: every message of the ticket, then a GetItem per message for its sender. */
  private void naiveThread(String ticketId) {
    var messages = dynamoDb.query(r -> r.tableName(tables.messages()).indexName("ticket-messages-index")
        .keyConditionExpression("ticket_id = :t").expressionAttributeValues(Map.of(":t", AttributeValue.fromS(ticketId))))
        .items();
    for (var message : messages) {
      dynamoDb.getItem(r -> r.tableName(tables.users()).key(Map.of("user_id", message.get("sender_id"))));
    }
  }

  private static void row(String request, String data, Measure ours, Measure seed) {
    System.out.printf("| %s | %s | %d | %.1f | %d | %.1f |%n", request, data, ours.calls(), ours.units(),
        seed.calls(), seed.units());
  }
}
