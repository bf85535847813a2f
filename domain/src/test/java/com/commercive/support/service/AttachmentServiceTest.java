package com.commercive.support.service;

import static org.assertj.core.api.Assertions.assertThat;
import com.commercive.support.store.AgentRoster;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.commercive.support.domain.AttachedFile;
import com.commercive.support.domain.Attachment;
import com.commercive.support.domain.Attachment.Rejection;
import com.commercive.support.domain.AttachmentUnavailableException;
import com.commercive.support.domain.Caller;
import com.commercive.support.domain.FieldError;
import com.commercive.support.domain.ForbiddenException;
import com.commercive.support.domain.NotFoundException;
import com.commercive.support.domain.Ticket;
import com.commercive.support.domain.ValidationException;
import com.commercive.support.fakes.InMemoryAttachmentStore;
import com.commercive.support.fakes.InMemoryFileStorage;
import com.commercive.support.fakes.InMemoryTicketRepository;
import com.commercive.support.fakes.InMemoryUserDirectory;
import com.commercive.support.fakes.MutableClock;
import com.commercive.support.service.AttachmentService.NewUpload;
import com.commercive.support.service.AttachmentCheck.Outcome;
import com.commercive.support.service.AttachmentService.Policy;
import com.commercive.support.service.PostMessage.NewMessage;
import com.commercive.support.service.OpenTicket.NewTicket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Uploads, their checks, downloads and attaching files to messages ({@link AttachmentService}, {@link AttachmentCheck}), with in-memory stores. */
class AttachmentServiceTest {
  static final Caller OWNER = new Caller("user-1", false);
  static final Caller OTHER = new Caller("user-2", false);
  static final Caller ADMIN = new Caller("admin-1", true);
  static final byte[] PNG = bytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, 200);
  static final byte[] PDF = bytes("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), 300);

  /** Detects the two magic numbers above and calls anything else text, as a detector would for ASCII. */
  static final ContentSniffer SNIFFER = head -> {
    if (head.length >= 4 && head[0] == (byte) 0x89 && head[1] == 'P') {
      return "image/png";
    }
    if (head.length >= 4 && head[0] == '%' && head[1] == 'P') {
      return "application/pdf";
    }
    return "text/plain";
  };

  InMemoryAttachmentStore store;
  InMemoryFileStorage files;
  InMemoryTicketRepository repository;
  MutableClock clock;
  TicketUseCases tickets;
  AttachmentService attachments;
  AttachmentCheck checks;
  Ticket ticket;

  @BeforeEach
  void setUp() {
    setUp(false);
  }

  void setUp(boolean malwareScan) {
    store = new InMemoryAttachmentStore();
    files = new InMemoryFileStorage();
    repository = new InMemoryTicketRepository(store);
    clock = new MutableClock(Instant.parse("2026-12-01T10:00:00.000Z"));
    AtomicInteger sequence = new AtomicInteger();
    tickets = TicketUseCases.over(repository, new InMemoryUserDirectory(), store, AgentRoster.empty(), RateLimiter.unlimited(), new CursorCodec("a-test-secret-that-is-long-enough!!".getBytes(StandardCharsets.UTF_8)), List.of(), com.commercive.support.domain.ServiceLevels.DEFAULT, clock, () -> "id-" + sequence.incrementAndGet());
    Policy policy = new Policy(Set.copyOf(Policy.DEFAULT_CONTENT_TYPES), 1_000, malwareScan);
    attachments = new AttachmentService(store, files, tickets.access(), repository, clock,
        () -> "file-" + sequence.incrementAndGet(), policy, RateLimiter.unlimited());
    checks = new AttachmentCheck(store, files, SNIFFER, policy);
    ticket = tickets.open().open(OWNER, new NewTicket("Broken product images", "medium", "see the screenshot")).ticket();
  }

  static byte[] bytes(byte[] start, int length) {
    byte[] all = Arrays.copyOf(start, length);
    Arrays.fill(all, start.length, length, (byte) 'a');
    return all;
  }

  Attachment upload(Caller caller, String name, String type, byte[] content) {
    Attachment attachment = attachments.requestUpload(caller, ticket.ticketId(),
        new NewUpload(name, type, (long) Math.max(1, content.length))).attachment();
    files.put(attachment.quarantineKey(), content);
    return attachment;
  }

  Attachment checked(Caller caller, String name, String type, byte[] content) {
    Attachment attachment = upload(caller, name, type, content);
    checks.check(attachment.quarantineKey());
    return store.find(attachment.attachmentId()).orElseThrow();
  }

  @Nested
  class RequestingAnUpload {
    @Test
    void createsAnUploadingAttachmentAndAFormForItsQuarantineKeyTypeAndSize() {
      var upload = attachments.requestUpload(OWNER, ticket.ticketId(), new NewUpload("shot.png", "Image/PNG", 120L));

      Attachment attachment = upload.attachment();
      assertThat(attachment.status()).isEqualTo(Attachment.Status.UPLOADING);
      assertThat(attachment.contentType()).isEqualTo("image/png");
      assertThat(attachment.uploaderId()).isEqualTo("user-1");
      assertThat(upload.form().fields()).containsEntry("key", "quarantine/" + ticket.ticketId() + "/"
          + attachment.attachmentId()).containsEntry("Content-Type", "image/png").containsEntry("max", "120");
      assertThat(upload.form().expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(15)));
      assertThat(store.find(attachment.attachmentId())).contains(attachment);
    }

    @Test
    void refusesEveryBadFieldAtOnceAndStoresNothing() {
      assertThatThrownBy(() -> attachments.requestUpload(OWNER, ticket.ticketId(),
          new NewUpload("../etc/passwd", "application/x-msdownload", 0L)))
          .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
              .extracting(FieldError::field).containsExactly("filename", "content_type", "size"));
      assertThatThrownBy(() -> attachments.requestUpload(OWNER, ticket.ticketId(), new NewUpload(null, null, null)))
          .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors()).hasSize(3));
      assertThat(store.findAll(List.of("file-1", "file-2", "file-3", "file-4"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\\b.png", "a/b.png", "tab\there.png", "evil\u202Egnp.exe", "..", " "})
    void refusesNamesThatAreNotPlainFileNames(String name) {
      assertThatThrownBy(() -> attachments.requestUpload(OWNER, ticket.ticketId(), new NewUpload(name, "image/png", 5L)))
          .isInstanceOfSatisfying(ValidationException.class,
              e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("filename"));
    }

    @Test
    void refusesANameWhoseEndingSaysAnotherTypeThanTheDeclaredOne() {
      for (String[] bad : List.of(new String[] {"notes.html", "text/plain"}, new String[] {"report.html", "image/png"},
          new String[] {"invoice.exe", "application/pdf"}, new String[] {"photo.png", "image/jpeg"})) {
        assertThatThrownBy(() -> attachments.requestUpload(OWNER, ticket.ticketId(), new NewUpload(bad[0], bad[1], 5L)))
            .as(bad[0]).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("filename"));
      }
      for (String[] good : List.of(new String[] {"Photo.JPEG", "image/jpeg"}, new String[] {"notes", "text/plain"},
          new String[] {"server.log", "text/plain"}, new String[] {"export.csv", "text/csv"})) {
        assertThat(attachments.requestUpload(OWNER, ticket.ticketId(), new NewUpload(good[0], good[1], 5L)))
            .as(good[0]).isNotNull();
      }
    }

    @Test
    void refusesSizesOverTheLimit() {
      assertThatThrownBy(() -> attachments.requestUpload(OWNER, ticket.ticketId(),
          new NewUpload("big.pdf", "application/pdf", 1_001L)))
          .isInstanceOf(ValidationException.class).hasMessageContaining("size must be from 1 to 1000 bytes");
    }

    @Test
    void onlyTheOwnerAndTheTeamUploadToATicket() {
      assertThatThrownBy(() -> attachments.requestUpload(OTHER, ticket.ticketId(), new NewUpload("a.png", "image/png", 5L)))
          .isInstanceOf(ForbiddenException.class);
      assertThatThrownBy(() -> attachments.requestUpload(OWNER, "no-such-ticket", new NewUpload("a.png", "image/png", 5L)))
          .isInstanceOf(NotFoundException.class);
      assertThat(attachments.requestUpload(ADMIN, ticket.ticketId(), new NewUpload("a.png", "image/png", 5L))
          .attachment().uploaderId()).isEqualTo("admin-1");
    }
  }

  @Nested
  class Checking {
    @Test
    void aFileThatIsWhatItSaysBecomesReadyAndMovesOutOfQuarantine() {
      Attachment attachment = upload(OWNER, "shot.png", "image/png", Arrays.copyOf(PNG, 150));

      assertThat(checks.check(attachment.quarantineKey())).isEqualTo(Outcome.READY);

      Attachment ready = store.find(attachment.attachmentId()).orElseThrow();
      assertThat(ready.status()).isEqualTo(Attachment.Status.READY);
      assertThat(ready.size()).isEqualTo(150);
      assertThat(files.keys()).containsExactly(attachment.checkedKey());
      assertThat(files.contentType(attachment.checkedKey())).contains("image/png");
    }

    @Test
    void aPdfCalledPngIsRejectedAsATypeMismatchAndDeleted() {
      Attachment attachment = upload(OWNER, "invoice.png", "image/png", PDF);

      assertThat(checks.check(attachment.quarantineKey())).isEqualTo(Outcome.REJECTED);

      Attachment rejected = store.find(attachment.attachmentId()).orElseThrow();
      assertThat(rejected.status()).isEqualTo(Attachment.Status.REJECTED);
      assertThat(rejected.rejection()).isEqualTo(Rejection.TYPE_MISMATCH);
      assertThat(files.keys()).isEmpty();
    }

    @Test
    void anEmptyFileAndOneLargerThanDeclaredAreRejected() {
      Attachment empty = upload(OWNER, "empty.txt", "text/plain", new byte[0]);
      Attachment larger = attachments.requestUpload(OWNER, ticket.ticketId(),
          new NewUpload("notes.txt", "text/plain", 10L)).attachment();
      files.put(larger.quarantineKey(), "more than ten bytes of text".getBytes(StandardCharsets.UTF_8));

      checks.check(empty.quarantineKey());
      checks.check(larger.quarantineKey());

      assertThat(store.find(empty.attachmentId()).orElseThrow().rejection()).isEqualTo(Rejection.EMPTY);
      assertThat(store.find(larger.attachmentId()).orElseThrow().rejection()).isEqualTo(Rejection.TOO_LARGE);
      assertThat(files.keys()).isEmpty();
    }

    @Test
    void csvPassesAsTextButAPngDoesNotPassAsCsv() {
      assertThat(checked(OWNER, "orders.csv", "text/csv", "id,sku\n1,A\n".getBytes(StandardCharsets.UTF_8))
          .status()).isEqualTo(Attachment.Status.READY);
      assertThat(checked(OWNER, "orders.csv", "text/csv", PNG).rejection()).isEqualTo(Rejection.TYPE_MISMATCH);
    }

    @Test
    void aRedeliveredEventChangesNothingAndAFormUsedTwiceLeavesNothingBehind() {
      Attachment attachment = upload(OWNER, "shot.png", "image/png", PNG);
      checks.check(attachment.quarantineKey());

      files.put(attachment.quarantineKey(), PDF);
      assertThat(checks.check(attachment.quarantineKey())).isEqualTo(Outcome.IGNORED);

      assertThat(store.find(attachment.attachmentId()).orElseThrow().status()).isEqualTo(Attachment.Status.READY);
      assertThat(files.keys()).containsExactly(attachment.checkedKey());
      assertThat(files.get(attachment.checkedKey()).orElseThrow()).isEqualTo(PNG);
    }

    @Test
    void aRunThatMovedTheFileButFailedBeforeRecordingItIsFinishedByTheNext() {
      Attachment attachment = upload(OWNER, "shot.png", "image/png", PNG);
      files.move(attachment.quarantineKey(), attachment.checkedKey(), "image/png");

      assertThat(checks.check(attachment.quarantineKey())).isEqualTo(Outcome.READY);
      assertThat(store.find(attachment.attachmentId()).orElseThrow().size()).isEqualTo(PNG.length);
    }

    @Test
    void keysThisSystemDidNotPresignAreDeletedAndIgnored() {
      files.put("quarantine/" + ticket.ticketId() + "/not-an-upload", PNG);
      files.put("elsewhere/file.png", PNG);

      assertThat(checks.check("quarantine/" + ticket.ticketId() + "/not-an-upload")).isEqualTo(Outcome.IGNORED);
      assertThat(checks.check("elsewhere/file.png")).isEqualTo(Outcome.IGNORED);
      assertThat(checks.check("quarantine/../../x")).isEqualTo(Outcome.IGNORED);

      assertThat(files.keys()).containsExactly("elsewhere/file.png");
    }

    @Test
    void withAMalwareScanTheCheckWaitsForItsVerdictAndRejectsAnythingButClean() {
      setUp(true);
      Attachment waiting = upload(OWNER, "shot.png", "image/png", PNG);
      assertThat(checks.check(waiting.quarantineKey())).isEqualTo(Outcome.AWAITING_SCAN);
      assertThat(store.find(waiting.attachmentId()).orElseThrow().status()).isEqualTo(Attachment.Status.UPLOADING);

      files.put(waiting.quarantineKey(), PNG, Map.of(AttachmentCheck.MALWARE_SCAN_TAG, "NO_THREATS_FOUND"));
      assertThat(checks.check(waiting.quarantineKey())).isEqualTo(Outcome.READY);

      for (String verdict : List.of("THREATS_FOUND", "UNSUPPORTED", "FAILED")) {
        Attachment infected = upload(OWNER, "shot.png", "image/png", PNG);
        files.put(infected.quarantineKey(), PNG, Map.of(AttachmentCheck.MALWARE_SCAN_TAG, verdict));
        assertThat(checks.check(infected.quarantineKey())).isEqualTo(Outcome.REJECTED);
        assertThat(store.find(infected.attachmentId()).orElseThrow().rejection()).isEqualTo(Rejection.MALWARE);
      }
    }
  }

  @Nested
  class Downloading {
    @Test
    void aReadyFileHasAFiveMinuteLinkToItsCheckedCopy() {
      Attachment ready = checked(OWNER, "shot.png", "image/png", PNG);

      var download = attachments.download(OWNER, ticket.ticketId(), ready.attachmentId());

      assertThat(download.url().toString()).contains(ready.checkedKey()).contains("type=image/png");
      assertThat(download.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(5)));
    }

    @Test
    void aFileNotReadyHasNoLink() {
      Attachment uploading = upload(OWNER, "shot.png", "image/png", PNG);
      var download = attachments.download(OWNER, ticket.ticketId(), uploading.attachmentId());
      assertThat(download.url()).isNull();
      assertThat(download.expiresAt()).isNull();
    }

    @Test
    void anotherUserIsRefusedAndUnknownOrForeignIdsAreNotFound() {
      Attachment ready = checked(OWNER, "shot.png", "image/png", PNG);
      Ticket other = tickets.open().open(OWNER, new NewTicket("Another question", "low", null)).ticket();

      assertThatThrownBy(() -> attachments.download(OTHER, ticket.ticketId(), ready.attachmentId()))
          .isInstanceOf(ForbiddenException.class);
      assertThatThrownBy(() -> attachments.download(OWNER, ticket.ticketId(), "nope"))
          .isInstanceOf(NotFoundException.class);
      assertThatThrownBy(() -> attachments.download(OWNER, other.ticketId(), ready.attachmentId()))
          .isInstanceOf(NotFoundException.class);
    }

    @Test
    void theOwnerNeverSeesAFileOnAnInternalNoteNorTheTeamsUnsentUploads() {
      Attachment onNote = checked(ADMIN, "internal.pdf", "application/pdf", PDF);
      tickets.post().post(ADMIN, ticket.ticketId(), new NewMessage("fraud check", null, false, true, null,
          List.of(onNote.attachmentId())));
      Attachment unsent = checked(ADMIN, "draft.pdf", "application/pdf", PDF);
      Attachment sent = checked(ADMIN, "guide.pdf", "application/pdf", PDF);
      tickets.post().post(ADMIN, ticket.ticketId(), new NewMessage(null, null, false, false, null,
          List.of(sent.attachmentId())));

      assertThatThrownBy(() -> attachments.download(OWNER, ticket.ticketId(), onNote.attachmentId()))
          .isInstanceOf(NotFoundException.class);
      assertThatThrownBy(() -> attachments.download(OWNER, ticket.ticketId(), unsent.attachmentId()))
          .isInstanceOf(NotFoundException.class);
      assertThat(attachments.download(OWNER, ticket.ticketId(), sent.attachmentId()).url()).isNotNull();
      assertThat(attachments.download(ADMIN, ticket.ticketId(), onNote.attachmentId()).url()).isNotNull();
    }
  }

  @Nested
  class AttachingToAMessage {
    @Test
    void readyFilesAreAttachedWithTheMessageWhichMayHaveNoText() {
      Attachment png = checked(OWNER, "shot.png", "image/png", PNG);
      Attachment pdf = checked(OWNER, "invoice.pdf", "application/pdf", PDF);

      var posted = tickets.post().post(OWNER, ticket.ticketId(), new NewMessage(null, null, false, false, null,
          List.of(pdf.attachmentId(), png.attachmentId())));

      assertThat(posted.message().attachments()).containsExactly(
          new AttachedFile(pdf.attachmentId(), "invoice.pdf", "application/pdf", PDF.length),
          new AttachedFile(png.attachmentId(), "shot.png", "image/png", PNG.length));
      assertThat(posted.message().text()).isEmpty();
      assertThat(posted.ticket().lastMessage().preview())
          .isEqualTo("[attachment: invoice.pdf] [attachment: shot.png]");
      assertThat(store.find(png.attachmentId()).orElseThrow().messageId()).isEqualTo(posted.message().messageId());
    }

    @Test
    void eachUnavailableFileIsNamedAndNothingIsStored() {
      Attachment ready = checked(OWNER, "ok.png", "image/png", PNG);
      Attachment uploading = upload(OWNER, "later.png", "image/png", PNG);
      Attachment rejected = checked(OWNER, "fake.png", "image/png", PDF);
      Attachment admins = checked(ADMIN, "admin.png", "image/png", PNG);
      Ticket other = tickets.open().open(OWNER, new NewTicket("Another question", "low", null)).ticket();
      Attachment elsewhere = attachments.requestUpload(OWNER, other.ticketId(),
          new NewUpload("x.png", "image/png", 5L)).attachment();
      long messagesBefore = tickets.read().get(OWNER, ticket.ticketId()).messageCount();

      assertThatThrownBy(() -> tickets.post().post(OWNER, ticket.ticketId(), new NewMessage("files", null, false, false, null,
          List.of(ready.attachmentId(), uploading.attachmentId(), rejected.attachmentId(), admins.attachmentId(),
              elsewhere.attachmentId(), "missing"))))
          .isInstanceOfSatisfying(AttachmentUnavailableException.class, e -> assertThat(e.errors())
              .extracting(FieldError::field)
              .containsExactly("attachment_ids[1]", "attachment_ids[2]", "attachment_ids[3]", "attachment_ids[4]",
                  "attachment_ids[5]"));

      assertThat(tickets.read().get(OWNER, ticket.ticketId()).messageCount()).isEqualTo(messagesBefore);
      assertThat(store.find(ready.attachmentId()).orElseThrow().messageId()).isNull();
    }

    @Test
    void theAssistantAndThePreviewSeeOnlyTheFilesNames() {
      Attachment png = checked(OWNER, "shot.png", "image/png", PNG);
      var posted = tickets.post().post(OWNER, ticket.ticketId(), new NewMessage("what is this error?", null, false, false,
          null, List.of(png.attachmentId())));

      var turn = AssistantService.turnOf(posted.message());
      assertThat(turn.text()).isEqualTo("what is this error?\n[attachment: shot.png]");
      assertThat(turn.text() + posted.ticket().lastMessage().preview())
          .doesNotContain(png.attachmentId()).doesNotContain("quarantine/").doesNotContain("attachments/");
    }

    @Test
    void aFileIsAttachedOnce() {
      Attachment ready = checked(OWNER, "ok.png", "image/png", PNG);
      tickets.post().post(OWNER, ticket.ticketId(), new NewMessage(null, null, false, false, null, List.of(ready.attachmentId())));

      assertThatThrownBy(() -> tickets.post().post(OWNER, ticket.ticketId(), new NewMessage("again", null, false, false, null,
          List.of(ready.attachmentId()))))
          .isInstanceOf(AttachmentUnavailableException.class).hasMessageContaining("already on a message");
    }

    @Test
    void theListOfIdsIsOneToTenDistinctIds() {
      for (List<String> ids : List.of(List.<String>of(), List.of("a", "a"),
          List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11"), List.of("bad id"))) {
        assertThatThrownBy(() -> tickets.post().post(OWNER, ticket.ticketId(),
            new NewMessage(null, null, false, false, null, ids)))
            .isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("attachment_ids"));
      }
    }
  }
}
