package com.commercive.support.service;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The file types an attachment may be, each with the name endings that mean it, and how a file is
 * handed back: under a name whose ending says its checked type, and as itself only when a browser
 * shows it without running anything (an image, a PDF); anything else downloads as bytes.
 */
public final class FileTypes {
  /** The accepted types (see {@link AttachmentService.Policy#DEFAULT_CONTENT_TYPES}) and their endings, the usual first. */
  static final Map<String, List<String>> EXTENSIONS = Map.of(
      "image/png", List.of("png"),
      "image/jpeg", List.of("jpg", "jpeg"),
      "image/gif", List.of("gif"),
      "image/webp", List.of("webp"),
      "application/pdf", List.of("pdf"),
      "text/plain", List.of("txt", "text", "log"),
      "text/csv", List.of("csv"));

  private FileTypes() {}

  /** A name's ending (lower case, without the dot), if it has one. */
  static Optional<String> extensionOf(String filename) {
    int dot = filename.lastIndexOf('.');
    if (dot <= 0 || dot == filename.length() - 1) {
      return Optional.empty();
    }
    return Optional.of(filename.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  /** Whether {@code filename}'s ending says another type than {@code contentType} (a type we know). */
  static boolean contradicts(String filename, String contentType) {
    List<String> endings = EXTENSIONS.get(contentType);
    return endings != null && extensionOf(filename).map(ending -> !endings.contains(ending)).orElse(false);
  }

  /** The name a file downloads under: its own when its ending says its type, else with the type's ending added. */
  public static String downloadName(String filename, String contentType) {
    List<String> endings = EXTENSIONS.get(contentType);
    if (endings == null || extensionOf(filename).map(endings::contains).orElse(false)) {
      return filename;
    }
    return filename + "." + endings.get(0);
  }

  /** The type a download is served as: images and PDFs as themselves, anything else as bytes. */
  public static String servedType(String contentType) {
    boolean shownSafely = (contentType.startsWith("image/") && !contentType.contains("svg"))
        || contentType.equals("application/pdf");
    return shownSafely ? contentType : "application/octet-stream";
  }
}
