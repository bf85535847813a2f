package com.commercive.support.store.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import com.commercive.support.service.PostMessage;
import com.commercive.support.service.OpenTicket;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.commercive.support.domain.AttachedFile;
import com.commercive.support.domain.Attachment;
import com.commercive.support.domain.AttachmentUnavailableException;
import com.commercive.support.domain.Caller;
import com.commercive.support.domain.Message;
import com.commercive.support.service.CursorCodec;
import com.commercive.support.service.RateLimiter;
import com.commercive.support.service.TicketUseCases;
import com.commercive.support.service.PostMessage.NewMessage;
import com.commercive.support.service.OpenTicket.NewTicket;
import com.commercive.support.store.AgentRoster;
import com.commercive.support.testkit.Races;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Attachments' records and attaching them with a message, against DynamoDB Local. */
class DynamoDbAttachmentStoreIT {
  static final Caller OWNER = TicketsOnDynamoDbLocal.OWNER;
  static final Caller ADMIN = TicketsOnDynamoDbLocal.ADMIN;
  @AutoClose
  static final TicketsOnDynamoDbLocal local = new TicketsOnDynamoDbLocal();
  @AutoClose
  static final Races races = new Races(8);
  static final DynamoDbAttachmentStore store = new DynamoDbAttachmentStore(local.client, local.tables.attachments());
  static final DynamoDbTicketRepository repository = new DynamoDbTicketRepository(local.client, local.tables);
  static final TicketUseCases service = TicketUseCases.over(repository, new DynamoDbUserDirectory(local.client,
      local.tables.users()), store, AgentRoster.empty(), RateLimiter.unlimited(), new CursorCodec("attachments-cursor-secret-32-bytes!!".getBytes(StandardCharsets.UTF_8)), List.of(), com.commercive.support.domain.ServiceLevels.DEFAULT, Clock.systemUTC(), () -> UUID.randomUUID().toString());

  static String ticket() {
    return service.open().open(OWNER, new NewTicket("Screenshots of the problem", "medium", null)).ticket().ticketId();
  }

  static Attachment stored(String ticketId, Caller uploader, String name) {
    Attachment attachment = Attachment.uploading(UUID.randomUUID().toString(), ticketId, uploader.userId(), name,
        "image/png", 2_000, Instant.now().truncatedTo(ChronoUnit.MILLIS));
    store.create(attachment);
    return attachment;
  }

  static Attachment ready(String ticketId, Caller uploader, String name) {
    Attachment attachment = stored(ticketId, uploader, name);
    assertThat(store.recordCheck(attachment.ready(1_234))).isTrue();
    return attachment.ready(1_234);
  }

  static Map<String, AttributeValue> item(String attachmentId) {
    return local.client.getItem(r -> r.tableName(local.tables.attachments())
        .key(AttachmentItems.key(attachmentId))).item();
  }

  @Test
  void aRecordRoundTripsAndExpiresADayAfterItsUploadWasPresigned() {
    Attachment attachment = stored(ticket(), OWNER, "shot.png");

    assertThat(store.find(attachment.attachmentId())).contains(attachment);
    assertThat(Long.parseLong(item(attachment.attachmentId()).get("expires_at").n()))
        .isEqualTo(attachment.createdAt().getEpochSecond() + 24 * 3600);
    assertThat(store.find("missing")).isEmpty();
  }

  @Test
  void aCheckIsRecordedOnceWhateverTheRedeliveries() {
    Attachment attachment = stored(ticket(), OWNER, "shot.png");

    assertThat(store.recordCheck(attachment.rejected(Attachment.Rejection.TYPE_MISMATCH, 99))).isTrue();
    assertThat(store.recordCheck(attachment.ready(99))).isFalse();

    Attachment checked = store.find(attachment.attachmentId()).orElseThrow();
    assertThat(checked.status()).isEqualTo(Attachment.Status.REJECTED);
    assertThat(checked.rejection()).isEqualTo(Attachment.Rejection.TYPE_MISMATCH);
    assertThat(checked.size()).isEqualTo(99);
    assertThat(store.recordCheck(Attachment.uploading("never-created", "t", "u", "a.png", "image/png", 1,
        Instant.now()).ready(1))).isFalse();
  }

  @Test
  void findAllReadsManyInOneCallAndLeavesOutUnknownIds() {
    String ticketId = ticket();
    Attachment first = stored(ticketId, OWNER, "a.png");
    Attachment second = stored(ticketId, OWNER, "b.png");

    assertThat(store.findAll(List.of(first.attachmentId(), "unknown", second.attachmentId())))
        .containsExactlyInAnyOrder(first, second);
    assertThat(store.findAll(List.of())).isEmpty();
  }

  @Test
  void aMessageAndItsFilesAreWrittenTogetherAndTheFilesStopExpiring() {
    String ticketId = ticket();
    Attachment png = ready(ticketId, OWNER, "a.png");
    Attachment pdf = ready(ticketId, OWNER, "b.png");

    var posted = service.post().post(OWNER, ticketId, new NewMessage(null, null, false, false, null,
        List.of(png.attachmentId(), pdf.attachmentId())));

    Message stored = repository.findMessage(posted.message().messageId()).orElseThrow();
    assertThat(stored.attachments()).containsExactly(
        new AttachedFile(png.attachmentId(), "a.png", "image/png", 1_234),
        new AttachedFile(pdf.attachmentId(), "b.png", "image/png", 1_234));
    assertThat(store.find(png.attachmentId()).orElseThrow().messageId()).isEqualTo(stored.messageId());
    assertThat(item(png.attachmentId())).doesNotContainKey("expires_at");
    assertThat(repository.find(ticketId).orElseThrow().messageCount()).isEqualTo(1);
  }

  @Test
  void aNoteCarriesTheTeamsFilesToo() {
    String ticketId = ticket();
    Attachment file = ready(ticketId, ADMIN, "internal.png");

    var posted = service.post().post(ADMIN, ticketId, new NewMessage("for the team", null, false, true, null,
        List.of(file.attachmentId())));

    assertThat(repository.findMessage(posted.message().messageId()).orElseThrow().attachments()).hasSize(1);
    assertThat(store.find(file.attachmentId()).orElseThrow().messageId()).isEqualTo(posted.message().messageId());
  }

  @Test
  void twentyMessagesRacingForOneFileAttachItOnceAndTheOthersStoreNothing() throws Exception {
    String ticketId = ticket();
    Attachment file = ready(ticketId, OWNER, "contested.png");

    List<String> outcomes = races.race(20, () -> {
      try {
        service.post().post(OWNER, ticketId, new NewMessage("mine", null, false, false, null, List.of(file.attachmentId())));
        return "attached";
      } catch (AttachmentUnavailableException refused) {
        return "refused";
      }
    });

    assertThat(outcomes).filteredOn("attached"::equals).hasSize(1);
    assertThat(local.thread(ticketId)).hasSize(1);
    assertThat(repository.find(ticketId).orElseThrow().messageCount()).isEqualTo(1);
  }

  @Test
  void aFileAnotherMessageTookBetweenTheCheckAndTheWriteRefusesTheWholeMessage() {
    String ticketId = ticket();
    Attachment taken = ready(ticketId, OWNER, "taken.png");
    Attachment free = ready(ticketId, OWNER, "free.png");
    Message message = new Message("msg-" + UUID.randomUUID(), ticketId, OWNER.userId(),
        com.commercive.support.domain.SenderType.USER, "", null, Instant.now(), false, false, false, false,
        List.of(free.asAttached(), taken.asAttached()));
    service.post().post(OWNER, ticketId, new NewMessage(null, null, false, false, null, List.of(taken.attachmentId())));

    assertThatThrownBy(() -> repository.update(ticketId, current -> java.util.Optional.of(
        new com.commercive.support.domain.TicketChange(message, current.status(), Instant.now(), false))))
        .isInstanceOfSatisfying(AttachmentUnavailableException.class, e -> assertThat(e.errors())
            .extracting(com.commercive.support.domain.FieldError::field).containsExactly("attachment_ids[1]"));

    assertThat(repository.findMessage(message.messageId())).isEmpty();
    assertThat(store.find(free.attachmentId()).orElseThrow().messageId()).isNull();
  }
}
