package com.commercive.support.attachmentchecker;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.commercive.support.domain.Attachment;
import com.commercive.support.fakes.InMemoryAttachmentStore;
import com.commercive.support.fakes.InMemoryFileStorage;
import com.commercive.support.service.AttachmentCheck;
import com.commercive.support.service.AttachmentService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The checking function on S3's real notification shapes, with Tika and in-memory stores. */
class AttachmentCheckerHandlerTest {
  final InMemoryAttachmentStore store = new InMemoryAttachmentStore();
  final InMemoryFileStorage files = new InMemoryFileStorage();
  final AttachmentCheckerHandler handler = new AttachmentCheckerHandler(new AttachmentCheck(store, files,
      new TikaContentSniffer(), new AttachmentService.Policy(Set.copyOf(AttachmentService.Policy.DEFAULT_CONTENT_TYPES),
          100_000, false)));
  int sequence;

  static String event(String name) {
    try (InputStream in = AttachmentCheckerHandlerTest.class.getResourceAsStream("/events/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String created(String key) {
    return event("s3-object-created.json").replace("KEY", key);
  }

  Attachment uploaded(String filename, String type, byte[] bytes) {
    Attachment attachment = Attachment.uploading("file-" + (++sequence), "ticket-1", "user-1", filename, type,
        Math.max(1, bytes.length), Instant.parse("2026-12-01T10:00:00Z"));
    store.create(attachment);
    files.put(attachment.quarantineKey(), bytes);
    return attachment;
  }

  static SQSEvent messages(String... bodies) {
    List<SQSEvent.SQSMessage> records = new ArrayList<>();
    for (int i = 0; i < bodies.length; i++) {
      SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
      message.setMessageId("m-" + i);
      message.setBody(bodies[i]);
      records.add(message);
    }
    SQSEvent event = new SQSEvent();
    event.setRecords(records);
    return event;
  }

  Attachment stored(Attachment attachment) {
    return store.find(attachment.attachmentId()).orElseThrow();
  }

  @Test
  void eachFileNamedByANotificationIsCheckedByItsRealBytes() {
    Attachment png = uploaded("shot.png", "image/png", SampleFiles.png());
    Attachment jpeg = uploaded("photo.jpg", "image/jpeg", SampleFiles.image("jpg"));
    Attachment gif = uploaded("anim.gif", "image/gif", SampleFiles.image("gif"));
    Attachment webp = uploaded("pic.webp", "image/webp", SampleFiles.webp());
    Attachment pdf = uploaded("invoice.pdf", "application/pdf", SampleFiles.pdf());
    Attachment csv = uploaded("orders.csv", "text/csv", SampleFiles.csv());
    Attachment text = uploaded("log.txt", "text/plain", SampleFiles.text());
    Attachment pdfAsPng = uploaded("invoice.png", "image/png", SampleFiles.pdf());
    Attachment html = uploaded("notes.txt", "text/plain", SampleFiles.html());
    Attachment exe = uploaded("orders.csv", "text/csv", SampleFiles.exe());
    Attachment empty = uploaded("empty.png", "image/png", new byte[0]);

    List<String> bodies = new ArrayList<>();
    for (Attachment a : List.of(png, jpeg, gif, webp, pdf, csv, text, pdfAsPng, html, exe, empty)) {
      bodies.add(created(a.quarantineKey()));
    }
    SQSBatchResponse response = handler.process(messages(bodies.toArray(String[]::new)));

    assertThat(response.getBatchItemFailures()).isEmpty();
    for (Attachment a : List.of(png, jpeg, gif, webp, pdf, csv, text)) {
      assertThat(stored(a).status()).as(a.filename()).isEqualTo(Attachment.Status.READY);
      assertThat(files.get(a.checkedKey())).as(a.filename()).isPresent();
    }
    for (Attachment a : List.of(pdfAsPng, html, exe)) {
      assertThat(stored(a).rejection()).as(a.filename()).isEqualTo(Attachment.Rejection.TYPE_MISMATCH);
    }
    assertThat(stored(empty).rejection()).isEqualTo(Attachment.Rejection.EMPTY);
    assertThat(files.keys()).allMatch(key -> key.startsWith(Attachment.CHECKED_PREFIX)).hasSize(7);
  }

  @Test
  void aTextFileIsReadWholeForMarkupAndBinaryBytesNotOnlyItsHead() {
    String text = "The sync stopped at 10:42 and order #1001 is missing.\n".repeat(200);
    // What was seen: text for the first 8 KiB a detector reads, then a page with a script.
    Attachment textThenPage = uploaded("notes.txt", "text/plain",
        (text + "<html><script>fetch('/steal?c='+document.cookie)</script></html>").getBytes(StandardCharsets.UTF_8));
    Attachment textThenBinary = uploaded("log.txt", "text/plain",
        (text + "\u0000\u0001\u0002").getBytes(StandardCharsets.UTF_8));
    Attachment csvThenHandler = uploaded("orders.csv", "text/csv",
        (text + "1003,\"<img src=x onerror=alert(1)>\",2\n").getBytes(StandardCharsets.UTF_8));
    Attachment productExport = uploaded("products.csv", "text/csv", (text.replace(".\n", ",\n")
        + "tee,\"<p><strong>Soft</strong> cotton.</p><img src=\"\"https://cdn.example/tee.png\"\">\"\n")
        .getBytes(StandardCharsets.UTF_8));

    handler.process(messages(created(textThenPage.quarantineKey()), created(textThenBinary.quarantineKey()),
        created(csvThenHandler.quarantineKey()), created(productExport.quarantineKey())));

    for (Attachment a : List.of(textThenPage, textThenBinary, csvThenHandler)) {
      assertThat(stored(a).rejection()).as(a.filename()).isEqualTo(Attachment.Rejection.TYPE_MISMATCH);
      assertThat(files.get(a.quarantineKey())).as(a.filename()).isEmpty();
      assertThat(files.get(a.checkedKey())).as(a.filename()).isEmpty();
    }
    assertThat(stored(productExport).status()).isEqualTo(Attachment.Status.READY);
  }

  @Test
  void s3sTestEventAndOtherKeysChangeNothingAndKeysArriveUrlEncoded() {
    assertThat(S3NotificationKeys.of(event("s3-test-event.json"))).isEmpty();
    assertThat(S3NotificationKeys.of(created("quarantine/t-1/a%2Bb"))).containsExactly("quarantine/t-1/a+b");

    SQSBatchResponse response = handler.process(messages(event("s3-test-event.json"), created("other/key.png")));
    assertThat(response.getBatchItemFailures()).isEmpty();
  }

  @Test
  void aMalformedOrFailingRecordIsReportedAloneForRedelivery() {
    Attachment png = uploaded("shot.png", "image/png", SampleFiles.png());

    SQSBatchResponse response = handler.process(messages("{not json", created(png.quarantineKey())));

    assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
        .containsExactly("m-0");
    assertThat(stored(png).status()).isEqualTo(Attachment.Status.READY);
  }
}
