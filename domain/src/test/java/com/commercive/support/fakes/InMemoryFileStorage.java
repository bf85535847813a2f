package com.commercive.support.fakes;

import com.commercive.support.store.FileStorage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Files in memory, with forms and links that name what they were signed for. */
public class InMemoryFileStorage implements FileStorage {
  private final Map<String, byte[]> files = new LinkedHashMap<>();
  private final Map<String, Map<String, String>> tags = new LinkedHashMap<>();
  private final Map<String, String> types = new LinkedHashMap<>();

  @Override
  public UploadForm uploadForm(String key, String contentType, long maxBytes, Instant expiresAt) {
    return new UploadForm(URI.create("https://files.example/upload"),
        Map.of("key", key, "Content-Type", contentType, "max", Long.toString(maxBytes)), expiresAt);
  }

  @Override
  public URI downloadLink(String key, String filename, String contentType, Instant expiresAt) {
    return URI.create("https://files.example/" + key + "?type=" + contentType + "&until=" + expiresAt.getEpochSecond());
  }

  /** What a browser's upload with a form does. */
  public synchronized void put(String key, byte[] bytes, Map<String, String> objectTags) {
    files.put(key, bytes.clone());
    tags.put(key, Map.copyOf(objectTags));
  }

  public synchronized void put(String key, byte[] bytes) {
    put(key, bytes, Map.of());
  }

  public synchronized Optional<byte[]> get(String key) {
    return Optional.ofNullable(files.get(key)).map(byte[]::clone);
  }

  public synchronized Optional<String> contentType(String key) {
    return Optional.ofNullable(types.get(key));
  }

  @Override
  public synchronized Optional<StoredFile> inspect(String key, int headBytes) {
    byte[] bytes = files.get(key);
    if (bytes == null) {
      return Optional.empty();
    }
    return Optional.of(new StoredFile(bytes.length, Arrays.copyOf(bytes, Math.min(headBytes, bytes.length)),
        tags.getOrDefault(key, Map.of())));
  }

  @Override
  public synchronized Optional<InputStream> open(String key) {
    return Optional.ofNullable(files.get(key)).map(bytes -> new ByteArrayInputStream(bytes.clone()));
  }

  @Override
  public synchronized void write(String key, byte[] bytes, String contentType) {
    put(key, bytes);
    types.put(key, contentType);
  }

  @Override
  public synchronized void move(String fromKey, String toKey, String contentType) {
    byte[] bytes = files.remove(fromKey);
    if (bytes == null) {
      throw new IllegalStateException("nothing at " + fromKey);
    }
    files.put(toKey, bytes);
    tags.put(toKey, tags.getOrDefault(fromKey, Map.of()));
    types.put(toKey, contentType);
  }

  @Override
  public synchronized void delete(String key) {
    files.remove(key);
    tags.remove(key);
    types.remove(key);
  }

  public synchronized java.util.Set<String> keys() {
    return new java.util.TreeSet<>(files.keySet());
  }
}
