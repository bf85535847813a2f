package com.commercive.support.service;

import static org.assertj.core.api.Assertions.assertThat;
import com.commercive.support.store.AgentRoster;
import com.commercive.support.store.AttachmentStore;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.commercive.support.domain.Caller;
import com.commercive.support.domain.ConflictException;
import com.commercive.support.domain.FieldError;
import com.commercive.support.domain.ForbiddenException;
import com.commercive.support.domain.Message;
import com.commercive.support.domain.NotFoundException;
import com.commercive.support.domain.Priority;
import com.commercive.support.domain.PrioritySource;
import com.commercive.support.domain.SenderType;
import com.commercive.support.domain.Ticket;
import com.commercive.support.domain.TicketChange;
import com.commercive.support.domain.TicketStatus;
import com.commercive.support.domain.User;
import com.commercive.support.domain.ValidationException;
import com.commercive.support.domain.VersionMismatchException;
import com.commercive.support.fakes.InMemoryTicketRepository;
import com.commercive.support.fakes.InMemoryUserDirectory;
import com.commercive.support.fakes.MutableClock;
import com.commercive.support.service.ReadTickets.ListQuery;
import com.commercive.support.service.PostMessage.NewMessage;
import com.commercive.support.service.OpenTicket.NewTicket;
import com.commercive.support.service.EditTicket.TicketUpdate;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import com.commercive.support.domain.VersionCondition;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The service's rules, with in-memory stores. */
class TicketUseCasesTest {
  // Longer than most: TicketService's rules, one nested class per use case.
  static final Caller OWNER = new Caller("user-1", false, "Dana", "dana@example.com");
  static final Caller OTHER = new Caller("user-2", false);
  static final Caller ADMIN = new Caller("admin-1", true);

  InMemoryTicketRepository repository;
  InMemoryUserDirectory users;
  MutableClock clock;
  TicketUseCases service;
  CursorCodec cursors;

  @BeforeEach
  void setUp() {
    repository = new InMemoryTicketRepository();
    users =
        new InMemoryUserDirectory(
            new User("user-1", "Dana Merchant", "dana@example.com", "user"),
            new User("admin-1", "Alex Support", "alex@example.com", "admin"));
    clock = new MutableClock(Instant.parse("2026-11-24T10:15:30.123456Z"));
    AtomicInteger sequence = new AtomicInteger();
    cursors = new CursorCodec("a-test-secret-that-is-long-enough!!".getBytes(StandardCharsets.UTF_8));
    service =
        TicketUseCases.over(repository, users, AttachmentStore.none(), AgentRoster.empty(), RateLimiter.unlimited(), cursors, List.of(), com.commercive.support.domain.ServiceLevels.DEFAULT, clock, () -> String.format("id-%05d", sequence.incrementAndGet()));
  }

  Ticket newTicket(Caller caller) {
    Ticket ticket =
        service.open().open(caller, new NewTicket("Cannot see my inventory", "high", "Help please")).ticket();
    clock.advance(Duration.ofSeconds(1));
    return ticket;
  }

  static List<String> fields(ValidationException e) {
    return e.errors().stream().map(FieldError::field).toList();
  }

  @Nested
  class Creating {
    @Test
    void opensTheTicketWithItsFirstMessageAndPreview() {
      var created =
          service.open().open(OWNER, new NewTicket("  Cannot see my inventory  ", "high", "Help\n\nplease"));

      Ticket ticket = created.ticket();
      assertThat(ticket.subject()).isEqualTo("Cannot see my inventory");
      assertThat(ticket.status()).isEqualTo(TicketStatus.OPEN);
      assertThat(ticket.priority()).isEqualTo(Priority.HIGH);
      assertThat(ticket.userId()).isEqualTo("user-1");
      assertThat(ticket.createdAt()).isEqualTo(Instant.parse("2026-11-24T10:15:30.123Z"));
      assertThat(ticket.messageCount()).isEqualTo(1);
      assertThat(ticket.lastMessage().preview()).isEqualTo("Help please");
      assertThat(ticket.lastMessage().senderType()).isEqualTo(SenderType.USER);
      assertThat(created.message().text()).isEqualTo("Help\n\nplease");
      assertThat(created.message().senderId()).isEqualTo("user-1");
      assertThat(repository.find(ticket.ticketId())).contains(ticket);
    }

    @Test
    void isOpenEvenWhenAnAdminWritesTheFirstMessage() {
      var created = service.open().open(ADMIN, new NewTicket("Internal test ticket", null, "From support"));
      assertThat(created.ticket().status()).isEqualTo(TicketStatus.OPEN);
      assertThat(created.ticket().humanReplied()).isFalse();
      assertThat(created.message().senderType()).isEqualTo(SenderType.ADMIN);
    }

    @Test
    void withoutAMessageHasNoPreview() {
      var created = service.open().open(OWNER, new NewTicket("Billing question", null, null));
      assertThat(created.message()).isNull();
      assertThat(created.ticket().messageCount()).isZero();
      assertThat(created.ticket().lastMessage()).isNull();
      assertThat(repository.allMessages()).isEmpty();
    }

    @Test
    void anyPriorityButLowMediumHighBecomesMedium() {
      assertThat(service.open().open(OWNER, new NewTicket("Subject one", "low", null)).ticket().priority())
          .isEqualTo(Priority.LOW);
      for (String raw : new String[] {null, "urgent", "HIGH", ""}) {
        assertThat(service.open().open(OWNER, new NewTicket("Subject one", raw, null)).ticket().priority())
            .as("priority %s", raw)
            .isEqualTo(Priority.MEDIUM);
      }
    }

    @Test
    void anUrgentOpeningIsRaisedWithItsReasonNeverLoweredAndAnAgentsPriorityWins() {
      Ticket raised = service.open().open(OWNER, new NewTicket("Payout missing", "low",
          "my payout from friday never arrived in my bank")).ticket();
      assertThat(raised.priority()).isEqualTo(Priority.HIGH);
      assertThat(raised.prioritySource()).isEqualTo(PrioritySource.AUTO);
      assertThat(raised.priorityReason()).isEqualTo("mentions money missing or held");
      assertThat(raised.sla().firstResponseDueAt()).as("the clocks run at the raised priority")
          .isEqualTo(raised.createdAt().plus(java.time.Duration.ofHours(1)));
      assertThat(repository.find(raised.ticketId()).orElseThrow().prioritySource()).isEqualTo(PrioritySource.AUTO);

      Ticket chosenHigh = service.open().open(OWNER, new NewTicket("Payout missing", "high",
          "my payout from friday never arrived")).ticket();
      assertThat(chosenHigh.prioritySource()).isEqualTo(PrioritySource.USER);
      assertThat(chosenHigh.priorityReason()).isNull();
      Ticket question = service.open().open(OWNER, new NewTicket("Payouts", "low", "how do payouts work?")).ticket();
      assertThat(question.priority()).isEqualTo(Priority.LOW);
      assertThat(question.prioritySource()).isEqualTo(PrioritySource.USER);

      Ticket lowered = service.edit().edit(ADMIN, raised.ticketId(),
          new EditTicket.TicketUpdate(null, "medium"), VersionCondition.any());
      assertThat(lowered.prioritySource()).isEqualTo(PrioritySource.AGENT);
      Ticket afterMessage = service.post().post(OWNER, raised.ticketId(),
          new PostMessage.NewMessage("still nothing, my payout failed again!", null, false)).ticket();
      assertThat(afterMessage.priority()).as("later messages never override").isEqualTo(Priority.MEDIUM);
      assertThat(afterMessage.prioritySource()).isEqualTo(PrioritySource.AGENT);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "    ", "abcd", "  abc  "})
    void refusesAMissingOrShortSubject(String subject) {
      assertThatThrownBy(() -> service.open().open(OWNER, new NewTicket(subject, null, null)))
          .isInstanceOfSatisfying(
              ValidationException.class, e -> assertThat(fields(e)).containsExactly("subject"));
      assertThat(repository.calls()).isZero();
    }

    @Test
    void refusesALongSubjectAndControlCharacters() {
      assertThatThrownBy(() -> service.open().open(OWNER, new NewTicket("x".repeat(201), null, null)))
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("at most 200");
      assertThat(service.open().open(OWNER, new NewTicket("x".repeat(200), null, null)).ticket().subject())
          .hasSize(200);
      assertThatThrownBy(() -> service.open().open(OWNER, new NewTicket("Hello\r\nBcc: x@y.z", null, null)))
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("control characters");
    }

    /** Issue 13: subjects and messages that show nothing, or read backwards in an inbox. */
    @ParameterizedTest
    @ValueSource(strings = {
        "\u200b\u200b\u200b\u200b\u200b", "\u00a0\u00a0\u00a0\u00a0\u00a0", "\u3164\u3164\u3164\u3164\u3164",
        "\u115f\u1160\u115f\u1160\u115f", "\u200d\u200c\u2060\ufeff\u200e", "\u2800\u2800\u2800\u2800\u2800",
        "\u0301\u0301\u0301\u0301\u0301", "\u202e\u202e\u202e\u202e\u202e",
        "Refund \u202egnp.exe\u202c", "Invoice \u2066abc\u2069 please", "Hello \u202aworld\u202c"})
    void refusesSubjectsWithNothingVisibleOrThatChangeTheTextsDirection(String subject) {
      assertThatThrownBy(() -> service.open().open(OWNER, new NewTicket(subject, null, null)))
          .isInstanceOfSatisfying(
              ValidationException.class, e -> assertThat(fields(e)).containsExactly("subject"));
      assertThat(repository.calls()).isZero();
    }

    @Test
    void refusesMessagesWithNothingVisibleButKeepsRightToLeftText() {
      for (String invisible : List.of("\u200b\u200b\u200b", "\u00a0 \u3164", "\u2800\n\u200b")) {
        assertThatThrownBy(() -> service.open().open(OWNER, new NewTicket("Valid subject", null, invisible)))
            .isInstanceOfSatisfying(
                ValidationException.class, e -> assertThat(fields(e)).containsExactly("message"));
      }
      assertThat(service.open().open(OWNER, new NewTicket("שלום, הזמנה 1042", null, "مرحبا، أين طلبي؟")).ticket().subject())
          .isEqualTo("שלום, הזמנה 1042");
      assertThat(service.open().open(OWNER, new NewTicket("Café crème order", null, "e\u0301 ok")).message()).isNotNull();
    }

    @Test
    void reportsEveryInvalidFieldAtOnce() {
      assertThatThrownBy(() -> service.open().open(OWNER, new NewTicket("abc", null, " ")))
          .isInstanceOfSatisfying(
              ValidationException.class,
              e -> assertThat(fields(e)).containsExactly("subject", "message"));
    }

    @Test
    void refusesBadMessages() {
      for (String bad : List.of("", " \n ", "x".repeat(10_001), "bad \ud800 surrogate", "nul \u0000")) {
        assertThatThrownBy(() -> service.open().open(OWNER, new NewTicket("Valid subject", null, bad)))
            .as("message %s", bad.length() > 20 ? bad.length() + " chars" : bad)
            .isInstanceOf(ValidationException.class);
      }
      // Emoji are one character each, and tabs and newlines are fine.
      String emoji = "😀".repeat(10_000);
      assertThat(service.open().open(OWNER, new NewTicket("Valid subject", null, emoji)).message().text())
          .isEqualTo(emoji);
      assertThat(service.open().open(OWNER, new NewTicket("Valid subject", null, "a\tb\r\nc")).message())
          .isNotNull();
    }
  }

  @Nested
  class Posting {
    @Test
    void theOwnersMessageReopensAndCounts() {
      Ticket ticket = newTicket(OWNER);
      repository.put(
          ticket.with(new TicketChange(null, TicketStatus.PENDING, ticket.updatedAt(), false)));

      var posted = service.post().post(OWNER, ticket.ticketId(), new NewMessage("Still broken", null, false));

      assertThat(posted.ticket().status()).isEqualTo(TicketStatus.OPEN);
      assertThat(posted.ticket().messageCount()).isEqualTo(2);
      assertThat(posted.ticket().updatedAt()).isAfter(ticket.updatedAt());
      assertThat(posted.ticket().lastMessage().preview()).isEqualTo("Still broken");
      assertThat(posted.message().senderType()).isEqualTo(SenderType.USER);
      assertThat(posted.ticket().humanReplied()).isFalse();
    }

    @Test
    void aUserMessageReopensAClosedTicket() {
      Ticket ticket = newTicket(OWNER);
      service.post().post(ADMIN, ticket.ticketId(), new NewMessage(null, null, true));
      var posted = service.post().post(OWNER, ticket.ticketId(), new NewMessage("One more thing", null, false));
      assertThat(posted.ticket().status()).isEqualTo(TicketStatus.OPEN);
    }

    @Test
    void anAdminMessageMakesItPendingAndMarksAHumanReply() {
      Ticket ticket = newTicket(OWNER);
      var posted = service.post().post(ADMIN, ticket.ticketId(), new NewMessage("Try a resync", null, false));
      assertThat(posted.ticket().status()).isEqualTo(TicketStatus.PENDING);
      assertThat(posted.ticket().humanReplied()).isTrue();
      assertThat(posted.message().senderType()).isEqualTo(SenderType.ADMIN);
      assertThat(posted.message().senderId()).isEqualTo("admin-1");
    }

    @Test
    void anAdminClosesWithOrWithoutAMessage() {
      Ticket first = newTicket(OWNER);
      var withMessage =
          service.post().post(ADMIN, first.ticketId(), new NewMessage("Fixed, closing", null, true));
      assertThat(withMessage.ticket().status()).isEqualTo(TicketStatus.CLOSED);
      assertThat(withMessage.ticket().messageCount()).isEqualTo(2);

      Ticket second = newTicket(OWNER);
      var closeOnly = service.post().post(ADMIN, second.ticketId(), new NewMessage(null, null, true));
      assertThat(closeOnly.message()).isNull();
      assertThat(closeOnly.ticket().status()).isEqualTo(TicketStatus.CLOSED);
      assertThat(closeOnly.ticket().messageCount()).isEqualTo(1);

      assertThatThrownBy(() -> service.post().post(ADMIN, second.ticketId(), new NewMessage(null, null, true)))
          .isInstanceOf(ConflictException.class);
    }

    @Test
    void onlyAdminsClose() {
      Ticket ticket = newTicket(OWNER);
      int before = repository.calls();
      assertThatThrownBy(
              () -> service.post().post(OWNER, ticket.ticketId(), new NewMessage("Bye", null, true)))
          .isInstanceOf(ForbiddenException.class);
      assertThat(repository.calls()).isEqualTo(before);
    }

    @Test
    void anotherUserCannotPostOrRead() {
      Ticket ticket = newTicket(OWNER);
      assertThatThrownBy(
              () -> service.post().post(OTHER, ticket.ticketId(), new NewMessage("Hi", null, false)))
          .isInstanceOf(ForbiddenException.class);
      assertThatThrownBy(() -> service.read().get(OTHER, ticket.ticketId()))
          .isInstanceOf(ForbiddenException.class);
      assertThatThrownBy(
              () -> service.read().conversation(OTHER, ticket.ticketId(), new ListQuery(null, null, null)))
          .isInstanceOf(ForbiddenException.class);
      assertThat(repository.allMessages()).hasSize(1);
      assertThat(service.read().get(ADMIN, ticket.ticketId())).isEqualTo(ticket);
    }

    @ParameterizedTest
    @ValueSource(strings = {"no-such-ticket", "../etc/passwd", "a/b", "", "x y", "%2F"})
    void unknownOrMalformedTicketsAreNotFound(String ticketId) {
      assertThatThrownBy(() -> service.post().post(OWNER, ticketId, new NewMessage("Hi", null, false)))
          .isInstanceOf(NotFoundException.class);
      assertThatThrownBy(() -> service.read().get(ADMIN, ticketId)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aMessageIsRequiredUnlessClosing() {
      Ticket ticket = newTicket(OWNER);
      assertThatThrownBy(() -> service.post().post(OWNER, ticket.ticketId(), new NewMessage(null, null, false)))
          .isInstanceOfSatisfying(
              ValidationException.class, e -> assertThat(fields(e)).containsExactly("message"));
      assertThatThrownBy(() -> service.post().post(ADMIN, ticket.ticketId(), new NewMessage(null, null, false)))
          .isInstanceOf(ValidationException.class);
    }

    @Test
    void attachmentUrlsMustBeHttpsAndWithinThePrefixes() {
      Ticket ticket = newTicket(OWNER);
      String good = "https://uploads.commercive.com/t/1/screenshot.png";
      assertThat(
              service.post().post(OWNER, ticket.ticketId(), new NewMessage("See image", good, false))
                  .message()
                  .attachmentUrl())
          .isEqualTo(good);
      for (String bad :
          List.of(
              "http://uploads.commercive.com/x.png",
              "javascript:alert(1)",
              "https://user:pw@evil.example/x",
              "not a url",
              "https:///nohost",
              "https://x.example/" + "a".repeat(2_048))) {
        assertThatThrownBy(
                () -> service.post().post(OWNER, ticket.ticketId(), new NewMessage("See", bad, false)))
            .as(bad.length() > 60 ? "long url" : bad)
            .isInstanceOfSatisfying(
                ValidationException.class,
                e -> assertThat(fields(e)).containsExactly("attachment_url"));
      }

      TicketUseCases restricted =
          TicketUseCases.over(repository, users, AttachmentStore.none(), AgentRoster.empty(), RateLimiter.unlimited(), cursors, List.of("https://uploads.commercive.com/"), com.commercive.support.domain.ServiceLevels.DEFAULT, clock, () -> "id-r" + System.nanoTime());
      assertThat(restricted.post().post(OWNER, ticket.ticketId(), new NewMessage("ok", good, false)))
          .isNotNull();
      assertThatThrownBy(
              () ->
                  restricted.post().post(
                      OWNER, ticket.ticketId(),
                      new NewMessage("x", "https://uploads.commercive.com.evil.example/x", false)))
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("allowed attachment location");
    }
  }

  @Nested
  class Listing {
    @Test
    void pagesThroughOwnTicketsNewestFirstWithSignedCursors() {
      List<String> created = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        created.add(newTicket(OWNER).ticketId());
      }
      newTicket(OTHER);

      var first = service.read().listOwn(OWNER, new ListQuery(null, "2", null));
      var second = service.read().listOwn(OWNER, new ListQuery(null, "2", first.nextCursor()));
      var third = service.read().listOwn(OWNER, new ListQuery(null, "2", second.nextCursor()));

      List<String> seen = new ArrayList<>();
      for (var page : List.of(first, second, third)) {
        page.tickets().forEach(t -> seen.add(t.ticketId()));
      }
      java.util.Collections.reverse(created);
      assertThat(seen).containsExactlyElementsOf(created);
      assertThat(third.nextCursor()).isNull();
    }

    @Test
    void cursorsAreBoundToTheCallerAndTheQuery() {
      for (int i = 0; i < 3; i++) {
        newTicket(OWNER);
        newTicket(OTHER);
      }
      String cursor = service.read().listOwn(OWNER, new ListQuery(null, "1", null)).nextCursor();
      assertThat(cursor).isNotNull();

      assertThatThrownBy(() -> service.read().listOwn(OTHER, new ListQuery(null, "1", cursor)))
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("cursor");
      assertThatThrownBy(() -> service.read().listOwn(OWNER, new ListQuery("open", "1", cursor)))
          .isInstanceOf(ValidationException.class);
      assertThatThrownBy(() -> service.read().listAll(ADMIN, new ListQuery(null, "1", cursor)))
          .isInstanceOf(ValidationException.class);
      String tampered = (cursor.charAt(0) == 'A' ? "B" : "A") + cursor.substring(1);
      assertThatThrownBy(() -> service.read().listOwn(OWNER, new ListQuery(null, "1", tampered)))
          .isInstanceOf(ValidationException.class);
      // The limit may change between pages.
      assertThat(service.read().listOwn(OWNER, new ListQuery(null, "5", cursor)).tickets()).hasSize(2);
    }

    @Test
    void filtersByStatus() {
      Ticket open = newTicket(OWNER);
      Ticket pending = newTicket(OWNER);
      service.post().post(ADMIN, pending.ticketId(), new NewMessage("Answer", null, false));

      assertThat(service.read().listOwn(OWNER, new ListQuery("pending", null, null)).tickets())
          .extracting(Ticket::ticketId)
          .containsExactly(pending.ticketId());
      assertThat(service.read().listOwn(OWNER, new ListQuery("open", null, null)).tickets())
          .extracting(Ticket::ticketId)
          .containsExactly(open.ticketId());
      assertThat(service.read().listOwn(OWNER, new ListQuery("closed", null, null)).tickets()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "OPEN", "archived", "open,closed"})
    void refusesAnUnknownStatus(String status) {
      assertThatThrownBy(() -> service.read().listOwn(OWNER, new ListQuery(status, null, null)))
          .isInstanceOfSatisfying(
              ValidationException.class, e -> assertThat(fields(e)).containsExactly("status"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0", "101", "-1", "abc", "1.5", "99999999999", " 5"})
    void refusesALimitOutOfRange(String limit) {
      assertThatThrownBy(() -> service.read().listOwn(OWNER, new ListQuery(null, limit, null)))
          .isInstanceOfSatisfying(
              ValidationException.class, e -> assertThat(fields(e)).containsExactly("limit"));
    }

    @Test
    void theInboxIsForAdminsAndOrderedByLastUpdate() {
      Ticket older = newTicket(OWNER);
      Ticket newer = newTicket(OTHER);
      assertThatThrownBy(() -> service.read().listAll(OWNER, new ListQuery(null, null, null)))
          .isInstanceOf(ForbiddenException.class);

      clock.advance(Duration.ofSeconds(5));
      service.post().post(OWNER, older.ticketId(), new NewMessage("Bump", null, false));
      assertThat(service.read().listAll(ADMIN, new ListQuery(null, null, null)).tickets())
          .extracting(Ticket::ticketId)
          .containsExactly(older.ticketId(), newer.ticketId());
    }
  }

  @Nested
  class Updating {
    TicketUpdate status(String status) {
      return new TicketUpdate(status, null);
    }

    @Test
    void anAdminChangesStatusAndPriorityAndThePriorityBecomesTheAgents() {
      Ticket ticket = newTicket(OWNER);
      Ticket updated = service.edit().edit(ADMIN, ticket.ticketId(), new TicketUpdate("pending", "low"), VersionCondition.any());
      assertThat(updated.status()).isEqualTo(TicketStatus.PENDING);
      assertThat(updated.priority()).isEqualTo(Priority.LOW);
      assertThat(updated.prioritySource()).isEqualTo(PrioritySource.AGENT);
      assertThat(updated.version()).isEqualTo(ticket.version() + 1);
      assertThat(updated.updatedAt()).isAfter(ticket.updatedAt());
      assertThat(updated.messageCount()).isEqualTo(ticket.messageCount());
      assertThat(repository.find(ticket.ticketId())).contains(updated);
      // Setting the same priority again still makes it the agent's: it then stays as the agent chose.
      Ticket other = newTicket(OWNER);
      assertThat(other.prioritySource()).isEqualTo(PrioritySource.USER);
      Ticket confirmed = service.edit().edit(ADMIN, other.ticketId(), new TicketUpdate(null, "high"), VersionCondition.any());
      assertThat(confirmed.prioritySource()).isEqualTo(PrioritySource.AGENT);
      assertThat(confirmed.version()).isEqualTo(other.version() + 1);
    }

    @Test
    void theOwnerMayOnlyCloseAndOthersNothing() {
      Ticket ticket = newTicket(OWNER);
      assertThatThrownBy(() -> service.edit().edit(OWNER, ticket.ticketId(), new TicketUpdate(null, "low"), VersionCondition.any()))
          .isInstanceOf(ForbiddenException.class);
      assertThatThrownBy(() -> service.edit().edit(OWNER, ticket.ticketId(), status("pending"), VersionCondition.any()))
          .isInstanceOf(ForbiddenException.class);
      assertThatThrownBy(() -> service.edit().edit(OWNER, ticket.ticketId(), new TicketUpdate("closed", "high"),
          VersionCondition.any())).isInstanceOf(ForbiddenException.class);
      assertThatThrownBy(() -> service.edit().edit(OTHER, ticket.ticketId(), status("closed"), VersionCondition.any()))
          .isInstanceOf(ForbiddenException.class);
      assertThatThrownBy(() -> service.edit().edit(ADMIN, "no-such-ticket", status("closed"), VersionCondition.any()))
          .isInstanceOf(NotFoundException.class);
      assertThat(repository.find(ticket.ticketId())).contains(ticket);

      Ticket closed = service.edit().edit(OWNER, ticket.ticketId(), status("closed"), VersionCondition.any());
      assertThat(closed.status()).isEqualTo(TicketStatus.CLOSED);
      assertThat(closed.prioritySource()).isEqualTo(PrioritySource.USER);
    }

    @Test
    void aStaleVersionChangesNothingAndTheCurrentOneChanges() {
      Ticket ticket = newTicket(OWNER);
      service.post().post(ADMIN, ticket.ticketId(), new NewMessage("On it", null, false));
      Ticket now = repository.find(ticket.ticketId()).orElseThrow();
      assertThatThrownBy(() -> service.edit().edit(ADMIN, ticket.ticketId(), status("closed"),
          VersionCondition.exactly(ticket.version())))
          .isInstanceOfSatisfying(VersionMismatchException.class,
              e -> assertThat(e.kind().status()).isEqualTo(412));
      assertThat(repository.find(ticket.ticketId())).contains(now);
      assertThat(service.edit().edit(ADMIN, ticket.ticketId(), status("closed"), VersionCondition.exactly(now.version())).status())
          .isEqualTo(TicketStatus.CLOSED);
    }

    @Test
    void aChangeToNothingNewWritesNothing() {
      Ticket ticket = newTicket(OWNER);
      Ticket same = service.edit().edit(ADMIN, ticket.ticketId(), status("open"), VersionCondition.exactly(ticket.version()));
      assertThat(same).isEqualTo(ticket);
      assertThatThrownBy(() -> service.edit().edit(ADMIN, ticket.ticketId(), status("open"), VersionCondition.exactly(99)))
          .isInstanceOf(VersionMismatchException.class);
    }

    @Test
    void refusesAnEmptyChangeAndUnknownValuesNamingTheField() {
      Ticket ticket = newTicket(OWNER);
      assertThatThrownBy(() -> service.edit().edit(ADMIN, ticket.ticketId(), new TicketUpdate(null, null), VersionCondition.any()))
          .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(fields(e)).containsExactly("body"));
      assertThatThrownBy(() -> service.edit().edit(ADMIN, ticket.ticketId(), new TicketUpdate("solved", "HIGH"),
          VersionCondition.any()))
          .isInstanceOfSatisfying(ValidationException.class,
              e -> assertThat(fields(e)).containsExactly("status", "priority"));
      assertThat(repository.find(ticket.ticketId())).contains(ticket);
    }
  }

  @Nested
  class Notes {
    @Test
    void aNoteIsForTheTeamOnlyAndChangesNothingTheOwnerSees() {
      Ticket ticket = newTicket(OWNER);
      service.post().post(ADMIN, ticket.ticketId(), new NewMessage("We are looking", null, false));
      Ticket before = repository.find(ticket.ticketId()).orElseThrow();

      var posted = service.post().post(ADMIN, ticket.ticketId(), new NewMessage("Refund approved by finance", null, false, true));
      assertThat(posted.message().internal()).isTrue();
      assertThat(repository.find(ticket.ticketId())).contains(before);

      assertThat(service.read().conversation(OWNER, ticket.ticketId(), new ListQuery(null, null, null)).messages())
          .extracting(v -> v.message().text()).containsExactly("Help please", "We are looking");
      assertThat(service.read().conversation(ADMIN, ticket.ticketId(), new ListQuery(null, null, null)).messages())
          .extracting(v -> v.message().text())
          .containsExactly("Help please", "We are looking", "Refund approved by finance");
      assertThat(service.read().listOwn(OWNER, new ListQuery(null, null, null)).tickets()).singleElement()
          .satisfies(t -> assertThat(t.lastMessage().preview()).isEqualTo("We are looking"));
    }

    @Test
    void onlyTheTeamWritesNotesAndANoteNeverCloses() {
      Ticket ticket = newTicket(OWNER);
      assertThatThrownBy(() -> service.post().post(OWNER, ticket.ticketId(), new NewMessage("psst", null, false, true)))
          .isInstanceOf(ForbiddenException.class);
      assertThatThrownBy(() -> service.post().post(ADMIN, ticket.ticketId(), new NewMessage("done", null, true, true)))
          .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(fields(e)).containsExactly("close_ticket"));
      assertThatThrownBy(() -> service.post().post(ADMIN, ticket.ticketId(), new NewMessage(null, null, false, true)))
          .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(fields(e)).containsExactly("message"));
      assertThatThrownBy(() -> service.post().post(ADMIN, "missing-ticket", new NewMessage("x", null, false, true)))
          .isInstanceOf(NotFoundException.class);
      assertThat(repository.allMessages()).noneMatch(Message::internal);
    }
  }

  @Nested
  class Reading {
    @Test
    void aConversationIsChronologicalWithSendersFromOneLookup() {
      Ticket ticket = newTicket(OWNER);
      service.post().post(ADMIN, ticket.ticketId(), new NewMessage("Admin answer", null, false));
      clock.advance(Duration.ofSeconds(1));
      repository.apply(
          repository.find(ticket.ticketId()).orElseThrow(),
          new TicketChange(
              new Message("id-ai", ticket.ticketId(), "assistant", SenderType.AI, "AI answer", null,
                  clock.instant()),
              TicketStatus.PENDING, clock.instant(), false));

      var conversation = service.read().conversation(OWNER, ticket.ticketId(), new ListQuery(null, null, null));

      assertThat(conversation.messages())
          .extracting(v -> v.message().text())
          .containsExactly("Help please", "Admin answer", "AI answer");
      assertThat(conversation.messages())
          .extracting(ReadTickets.MessageView::senderName)
          .containsExactly("Dana Merchant", "Alex Support", ReadTickets.ASSISTANT_NAME);
      assertThat(conversation.messages().get(0).senderEmail()).isEqualTo("dana@example.com");
      assertThat(conversation.messages().get(2).senderEmail()).isNull();
      assertThat(users.lookups()).hasSize(1);
      assertThat(users.lookups().get(0)).containsExactlyInAnyOrder("user-1", "admin-1");
      assertThat(conversation.nextCursor()).isNull();
    }

    @Test
    void pagesThroughMessages() {
      Ticket ticket = newTicket(OWNER);
      for (int i = 0; i < 4; i++) {
        clock.advance(Duration.ofMillis(10));
        service.post().post(OWNER, ticket.ticketId(), new NewMessage("message " + i, null, false));
      }
      var first = service.read().conversation(OWNER, ticket.ticketId(), new ListQuery(null, "3", null));
      var second =
          service.read().conversation(OWNER, ticket.ticketId(), new ListQuery(null, "3", first.nextCursor()));
      assertThat(first.messages()).hasSize(3);
      assertThat(second.messages()).extracting(v -> v.message().text())
          .containsExactly("message 2", "message 3");
      assertThat(second.nextCursor()).isNull();
      assertThatThrownBy(
              () -> service.read().conversation(ADMIN, ticket.ticketId(), new ListQuery(null, "3", first.nextCursor())))
          .isInstanceOf(ValidationException.class);
      assertThatThrownBy(
              () -> service.read().conversation(OWNER, ticket.ticketId(), new ListQuery(null, "201", null)))
          .isInstanceOf(ValidationException.class);
    }
  }
}
