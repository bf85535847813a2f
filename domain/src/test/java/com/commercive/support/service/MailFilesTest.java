package com.commercive.support.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.commercive.support.domain.AttachedFile;
import com.commercive.support.domain.Attachment;
import com.commercive.support.fakes.InMemoryAttachmentStore;
import com.commercive.support.fakes.InMemoryFileStorage;
import com.commercive.support.fakes.MutableClock;
import com.commercive.support.service.MailFiles.MailFile;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 26: a mail's files go through the uploads' check, and the rest are named in the message. */
class MailFilesTest {
  static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};
  final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T09:00:00Z"));
  final InMemoryAttachmentStore store = new InMemoryAttachmentStore();
  /** Plays the checking function: a file written to quarantine is checked at once (a PDF named .png is not). */
  final InMemoryFileStorage bucket = new InMemoryFileStorage() {
    @Override
    public synchronized void write(String key, byte[] bytes, String contentType) {
      super.write(key, bytes, contentType);
      written.add(key);
      if (checking) {
        Attachment uploaded = store.findAll(store.ids()).stream().filter(a -> a.quarantineKey().equals(key))
            .findFirst().orElseThrow();
        store.recordCheck(bytes[0] == (byte) 0x89 || contentType.equals("text/plain")
            ? uploaded.ready(bytes.length) : uploaded.rejected(Attachment.Rejection.TYPE_MISMATCH, bytes.length));
      }
    }
  };
  final List<String> written = new ArrayList<>();
  boolean checking = true;

  MailFiles files(Duration wait) {
    return new MailFiles(store, bucket, AttachmentService.Policy.defaults(), clock, wait);
  }

  @Test
  void allowedFilesAreCheckedAsUploadsAndTheRestAreNamedWithTheirReason() {
    List<MailFile> sent = List.of(
        new MailFile("screenshot.png", "image/png; name=screenshot.png", PNG),
        new MailFile("invoice.png", "image/png", "%PDF-1.7".getBytes(StandardCharsets.US_ASCII)),
        new MailFile("setup.exe", "application/x-msdownload", new byte[] {'M', 'Z'}),
        new MailFile("..\\..\\notes.txt", "TEXT/PLAIN", "hello".getBytes(StandardCharsets.UTF_8)),
        new MailFile("empty.png", "image/png", new byte[0]),
        new MailFile("huge.png", "image/png", new byte[10 * 1024 * 1024 + 1]));

    MailFiles.Taken taken = files(Duration.ofSeconds(5)).take("t-1", "user-1", "<m1@x>", sent);

    assertThat(taken.attached()).extracting(AttachedFile::filename, AttachedFile::contentType)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("screenshot.png", "image/png"),
            org.assertj.core.groups.Tuple.tuple("notes.txt", "text/plain"));
    assertThat(taken.notAccepted()).containsExactly(
        "[attachment not accepted: setup.exe (type application/x-msdownload not accepted)]",
        "[attachment not accepted: empty.png (empty)]",
        "[attachment not accepted: huge.png (larger than 10 MB)]",
        "[attachment not accepted: invoice.png (type-mismatch)]");
    assertThat(written).as("only files of allowed types and sizes, into quarantine")
        .hasSize(3).allMatch(key -> key.startsWith("quarantine/t-1/"));
    assertThat(store.findAll(store.ids())).allSatisfy(a -> assertThat(a.uploaderId()).isEqualTo("user-1"));
    assertThat(taken.appendedTo("Here you go.\n")).isEqualTo("Here you go.\n\n" + String.join("\n", taken.notAccepted()));

    written.clear();
    MailFiles.Taken again = files(Duration.ofSeconds(5)).take("t-1", "user-1", "<m1@x>", sent);
    assertThat(again).as("the same mail taken again").isEqualTo(taken);
    assertThat(written).as("checked files are not stored again").isEmpty();
  }

  @Test
  void filesStillUncheckedAfterTheWaitHaveTheMailTakenAgainLaterWithNothingStoredTwice() {
    checking = false;
    List<MailFile> sent = List.of(new MailFile("a.png", "image/png", PNG));
    assertThatThrownBy(() -> files(Duration.ZERO).take("t-1", "user-1", "<m2@x>", sent))
        .isInstanceOf(MailFiles.FilesBeingCheckedException.class);
    assertThat(store.ids()).hasSize(1);

    checking = true;
    MailFiles.Taken taken = files(Duration.ZERO).take("t-1", "user-1", "<m2@x>", sent);
    assertThat(taken.attached()).singleElement().satisfies(file -> assertThat(file.filename()).isEqualTo("a.png"));
    assertThat(store.ids()).hasSize(1);
  }

  @Test
  void atMostTenFilesAreTakenAndNamesAreMadeSafe() {
    List<MailFile> sent = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      sent.add(new MailFile(i == 0 ? null : "p" + i + ".png", "image/png", PNG));
    }
    MailFiles.Taken taken = files(Duration.ofSeconds(5)).take("t-1", "user-1", "<m3@x>", sent);
    assertThat(taken.attached()).hasSize(10).first().satisfies(f -> assertThat(f.filename()).isEqualTo("attachment-1"));
    assertThat(taken.notAccepted()).containsExactly("[attachment not accepted: p10.png (more than 10 files)]",
        "[attachment not accepted: p11.png (more than 10 files)]");
    assertThat(MailFiles.filename("a\u0000b\r\n.png", 0)).isEqualTo("a b .png");
    assertThat(MailFiles.filename("/etc/..", 3)).isEqualTo("attachment-4");
    assertThat(MailFiles.attachmentId("<m3@x>", 1)).matches("[A-Za-z0-9_-]{1,128}")
        .isNotEqualTo(MailFiles.attachmentId("<m3@x>", 2));
  }

  @Test
  void aMailWithoutFilesTakesNothing() {
    assertThat(files(Duration.ZERO).take("t-1", "user-1", "<m4@x>", List.of())).isEqualTo(MailFiles.Taken.NONE);
    assertThat(MailFiles.Taken.NONE.appendedTo("Hi")).isEqualTo("Hi");
  }
}
