package com.commercive.support.store;

import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Where attachments' bytes are kept (S3 on AWS and locally). The API never handles the bytes: it
 * hands out signed forms and links; the checking function reads a file (its head, or all of a text
 * file) and moves or deletes it.
 */
public interface FileStorage {

  /**
   * A browser form that uploads one file straight to storage: the {@code url} to POST to as
   * {@code multipart/form-data} with {@code fields} first and the file last. The signed policy
   * allows only {@code key}, only {@code contentType} and {@code 1..maxBytes} bytes, until
   * {@code expiresAt}.
   */
  record UploadForm(URI url, Map<String, String> fields, Instant expiresAt) {}

  UploadForm uploadForm(String key, String contentType, long maxBytes, Instant expiresAt);

  /**
   * A link that downloads {@code key} until {@code expiresAt}, served as {@code contentType} with
   * {@code Content-Disposition: attachment; filename=...}.
   */
  URI downloadLink(String key, String filename, String contentType, Instant expiresAt);

  /** What storage holds at a key: its real size, its first bytes and its tags. */
  record StoredFile(long size, byte[] head, Map<String, String> tags) {}

  /** The file at {@code key} with up to {@code headBytes} of its first bytes; empty when there is none. */
  Optional<StoredFile> inspect(String key, int headBytes);

  /** The whole file at {@code key}, to read to its end and close; empty when there is none. */
  Optional<InputStream> open(String key);

  /** Stores {@code bytes} at {@code key} as {@code contentType}, replacing what is there (a mail's file). */
  void write(String key, byte[] bytes, String contentType);

  /** Copies {@code fromKey} to {@code toKey}, stored as {@code contentType}, then deletes {@code fromKey}. */
  void move(String fromKey, String toKey, String contentType);

  /** Deletes {@code key}; nothing when it is already gone. */
  void delete(String key);
}
