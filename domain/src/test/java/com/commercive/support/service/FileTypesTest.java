package com.commercive.support.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A file is handed back under a name that says its checked type, and as bytes unless it runs nothing. */
class FileTypesTest {
  @Test
  void theDownloadNameEndsWithTheCheckedTypesEnding() {
    assertThat(FileTypes.downloadName("screenshot.png", "image/png")).isEqualTo("screenshot.png");
    assertThat(FileTypes.downloadName("Photo.JPEG", "image/jpeg")).isEqualTo("Photo.JPEG");
    assertThat(FileTypes.downloadName("notes", "text/plain")).isEqualTo("notes.txt");
    assertThat(FileTypes.downloadName("notes.html", "text/plain")).isEqualTo("notes.html.txt");
    assertThat(FileTypes.downloadName(".profile", "text/plain")).isEqualTo(".profile.txt");
  }

  @Test
  void onlyImagesAndPdfsAreServedAsThemselves() {
    assertThat(FileTypes.servedType("image/png")).isEqualTo("image/png");
    assertThat(FileTypes.servedType("application/pdf")).isEqualTo("application/pdf");
    assertThat(FileTypes.servedType("text/plain")).isEqualTo("application/octet-stream");
    assertThat(FileTypes.servedType("text/csv")).isEqualTo("application/octet-stream");
    assertThat(FileTypes.servedType("image/svg+xml")).isEqualTo("application/octet-stream");
  }

  @Test
  void everyDefaultTypeHasItsEndings() {
    assertThat(FileTypes.EXTENSIONS.keySet()).containsExactlyInAnyOrderElementsOf(
        AttachmentService.Policy.DEFAULT_CONTENT_TYPES);
  }
}
