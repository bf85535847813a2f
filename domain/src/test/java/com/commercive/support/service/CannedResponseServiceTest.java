package com.commercive.support.service;

import static org.assertj.core.api.Assertions.assertThat;
import com.commercive.support.store.AgentRoster;
import com.commercive.support.store.AttachmentStore;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.commercive.support.domain.Caller;
import com.commercive.support.domain.CannedResponse;
import com.commercive.support.domain.ConflictException;
import com.commercive.support.domain.FieldError;
import com.commercive.support.domain.ForbiddenException;
import com.commercive.support.domain.NotFoundException;
import com.commercive.support.domain.Ticket;
import com.commercive.support.domain.User;
import com.commercive.support.domain.ValidationException;
import com.commercive.support.fakes.InMemoryCannedResponseStore;
import com.commercive.support.fakes.InMemoryTicketRepository;
import com.commercive.support.fakes.InMemoryUserDirectory;
import com.commercive.support.fakes.MutableClock;
import com.commercive.support.service.CannedResponseService.Draft;
import com.commercive.support.service.PostMessage.NewMessage;
import com.commercive.support.service.OpenTicket.NewTicket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CannedResponseServiceTest {
  static final Caller OWNER = new Caller("user-1", false, "Dana", "dana@example.com");
  static final Caller ADMIN = new Caller("admin-1", true, "Alex from the token", "alex@example.com");
  static final Caller UNKNOWN_ADMIN = new Caller("admin-9", true, "Sam Token", null);
  final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T09:00:00Z"));
  final InMemoryTicketRepository repository = new InMemoryTicketRepository();
  final InMemoryUserDirectory users = new InMemoryUserDirectory(
      new User("user-1", "Dana Merchant", "dana@example.com", "user"),
      new User("admin-1", "Alex Support", "alex@example.com", "admin"));
  final AtomicInteger sequence = new AtomicInteger();
  final TicketUseCases tickets = TicketUseCases.over(repository, users, AttachmentStore.none(), AgentRoster.empty(), RateLimiter.unlimited(), new CursorCodec("canned-test-secret-of-32-bytes-ok!!".getBytes(StandardCharsets.UTF_8)), List.of(), com.commercive.support.domain.ServiceLevels.DEFAULT, clock, () -> "id-" + sequence.incrementAndGet());
  final CannedResponseService service = new CannedResponseService(new InMemoryCannedResponseStore(), tickets.access(), tickets.post(), users,
      clock, () -> "cr-" + sequence.incrementAndGet());

  static List<String> fields(ValidationException e) {
    return e.errors().stream().map(FieldError::field).toList();
  }

  @Test
  void anAdminKeepsResponsesAndMerchantsCannotSeeThem() {
    CannedResponse thanks = service.create(ADMIN, new Draft("  Thanks  ", "Thanks {{customer_name}}!", "thanks"));
    assertThat(thanks.title()).isEqualTo("Thanks");
    service.create(ADMIN, new Draft("Apology", "Sorry for the wait.", null));
    assertThat(service.list(ADMIN)).extracting(CannedResponse::title).containsExactly("Apology", "Thanks");

    clock.advance(java.time.Duration.ofMinutes(1));
    CannedResponse edited = service.replace(ADMIN, thanks.cannedResponseId(), new Draft("Thanks", "Thank you!", "ty"));
    assertThat(edited.createdAt()).isEqualTo(thanks.createdAt());
    assertThat(edited.updatedAt()).isAfter(thanks.updatedAt());
    // The old shortcut is free again; the new one is taken.
    service.create(ADMIN, new Draft("Other", "x", "thanks"));
    assertThatThrownBy(() -> service.create(ADMIN, new Draft("Again", "x", "ty"))).isInstanceOf(ConflictException.class);

    service.delete(ADMIN, thanks.cannedResponseId());
    assertThatThrownBy(() -> service.delete(ADMIN, thanks.cannedResponseId())).isInstanceOf(NotFoundException.class);
    for (Runnable merchant : List.<Runnable>of(() -> service.list(OWNER),
        () -> service.create(OWNER, new Draft("Mine", "x", null)), () -> service.delete(OWNER, "cr-1"))) {
      assertThatThrownBy(merchant::run).isInstanceOf(ForbiddenException.class);
    }
  }

  @Test
  void anUnknownVariableIsRefusedWhenSavedNamingIt() {
    assertThatThrownBy(() -> service.create(ADMIN, new Draft("Hi", "Hello {{customer_name}}, your {{order_id}}", null)))
        .isInstanceOfSatisfying(ValidationException.class, e -> {
          assertThat(fields(e)).containsExactly("body");
          assertThat(e.errors().get(0).message()).startsWith("unknown variable {{order_id}};");
        });
    assertThatThrownBy(() -> service.create(ADMIN, new Draft("", "", "Bad Shortcut")))
        .isInstanceOfSatisfying(ValidationException.class,
            e -> assertThat(fields(e)).containsExactly("title", "body", "shortcut"));
    assertThatThrownBy(() -> service.create(ADMIN, new Draft("x".repeat(101), "y".repeat(10_001), "a".repeat(31))))
        .isInstanceOfSatisfying(ValidationException.class,
            e -> assertThat(fields(e)).containsExactly("title", "body", "shortcut"));
    assertThat(service.list(ADMIN)).isEmpty();
  }

  @Test
  void postingFillsTheVariablesFromTheTicketItsOwnerAndTheAgent() {
    Ticket ticket = tickets.open().open(OWNER, new NewTicket("Payout missing", null, "Where is it?")).ticket();
    CannedResponse template = service.create(ADMIN, new Draft("Payout",
        "Hi {{customer_name}} ({{customer_email}}), about \"{{ticket_subject}}\" [{{ ticket_id }}]: on it. {{agent_name}}",
        null));

    var posted = service.post(ADMIN, ticket.ticketId(), template.cannedResponseId(), new NewMessage(null, null, false));
    assertThat(posted.message().text()).isEqualTo("Hi Dana Merchant (dana@example.com), about \"Payout missing\" ["
        + ticket.ticketId() + "]: on it. Alex Support");
    assertThat(posted.message().senderId()).isEqualTo("admin-1");
    assertThat(posted.ticket().status()).isEqualTo(com.commercive.support.domain.TicketStatus.PENDING);

    // An agent missing from the users table signs with the name in their token.
    var bySam = service.post(UNKNOWN_ADMIN, ticket.ticketId(), template.cannedResponseId(),
        new NewMessage(null, null, true));
    assertThat(bySam.message().text()).endsWith("on it. Sam Token");
    assertThat(bySam.ticket().status()).isEqualTo(com.commercive.support.domain.TicketStatus.CLOSED);
  }

  @Test
  void postingNeedsAKnownResponseAndAnAdmin() {
    Ticket ticket = tickets.open().open(OWNER, new NewTicket("Payout missing", null, "Where is it?")).ticket();
    assertThatThrownBy(() -> service.post(ADMIN, ticket.ticketId(), "no-such", new NewMessage(null, null, false)))
        .isInstanceOfSatisfying(ValidationException.class,
            e -> assertThat(fields(e)).containsExactly("canned_response_id"));
    CannedResponse hi = service.create(ADMIN, new Draft("Hi", "Hi!", null));
    assertThatThrownBy(() -> service.post(OWNER, ticket.ticketId(), hi.cannedResponseId(), new NewMessage(null, null, false)))
        .isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(() -> service.post(ADMIN, "missing", hi.cannedResponseId(), new NewMessage(null, null, false)))
        .isInstanceOf(NotFoundException.class);
  }
}
