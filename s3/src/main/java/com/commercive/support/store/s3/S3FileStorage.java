package com.commercive.support.store.s3;

import com.commercive.support.store.FileStorage;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Attachments' files in one S3 bucket: signed POST forms for uploads, presigned GET links for
 * downloads, and the checking function's reads, moves and deletes.
 */
public final class S3FileStorage implements FileStorage {
  private final S3Client s3;
  private final S3Presigner presigner;
  private final AwsCredentialsProvider credentials;
  private final String region;
  private final String bucket;
  private final URI uploadUrl;
  private final Clock clock;

  /**
   * @param uploadUrl where browsers POST forms: the bucket's own endpoint
   *     ({@link #bucketUrl(String, String, Optional)})
   */
  public S3FileStorage(S3Client s3, S3Presigner presigner, AwsCredentialsProvider credentials, String region,
      String bucket, URI uploadUrl, Clock clock) {
    this.s3 = s3;
    this.presigner = presigner;
    this.credentials = credentials;
    this.region = region;
    this.bucket = bucket;
    this.uploadUrl = uploadUrl;
    this.clock = clock;
  }

  /** The bucket's URL: path-style under an overridden endpoint (local stand-ins), else S3's regional virtual host. */
  public static URI bucketUrl(String bucket, String region, Optional<URI> endpoint) {
    return endpoint
        .map(e -> URI.create(e.toString().replaceAll("/+$", "") + "/" + bucket))
        .orElseGet(() -> URI.create("https://" + bucket + ".s3." + region + ".amazonaws.com"));
  }

  @Override
  public UploadForm uploadForm(String key, String contentType, long maxBytes, Instant expiresAt) {
    AwsCredentials keys = credentials.resolveCredentials();
    String token = keys instanceof AwsSessionCredentials session ? session.sessionToken() : null;
    Map<String, String> fields = S3PostPolicy.fields(bucket, key, contentType, 1, maxBytes, expiresAt, clock.instant(),
        new S3PostPolicy.Signer(keys.accessKeyId(), keys.secretAccessKey(), token, region));
    return new UploadForm(uploadUrl, fields, expiresAt);
  }

  @Override
  public URI downloadLink(String key, String filename, String contentType, Instant expiresAt) {
    Duration valid = Duration.between(clock.instant(), expiresAt);
    var presigned = presigner.presignGetObject(r -> r.signatureDuration(valid).getObjectRequest(g -> g
        .bucket(bucket).key(key)
        .responseContentType(contentType)
        .responseContentDisposition(contentDisposition(filename))));
    return URI.create(presigned.url().toString());
  }

  /**
   * Always a download, never shown inline; the name as an ASCII fallback and in full (RFC 6266,
   * RFC 8187), so a name cannot break out of the header.
   */
  static String contentDisposition(String filename) {
    String ascii = filename.chars()
        .mapToObj(c -> c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '%' && c != ';' ? String.valueOf((char) c) : "_")
        .collect(Collectors.joining());
    String encoded = URLEncoder.encode(filename, StandardCharsets.UTF_8).replace("+", "%20");
    return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
  }

  @Override
  public Optional<StoredFile> inspect(String key, int headBytes) {
    HeadObjectResponse head;
    try {
      head = s3.headObject(r -> r.bucket(bucket).key(key));
    } catch (NoSuchKeyException gone) {
      return Optional.empty();
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw e;
    }
    long size = head.contentLength();
    byte[] first = new byte[0];
    if (size > 0 && headBytes > 0) {
      long last = Math.min(size, headBytes) - 1;
      ResponseBytes<GetObjectResponse> bytes =
          s3.getObjectAsBytes(r -> r.bucket(bucket).key(key).range("bytes=0-" + last));
      first = bytes.asByteArray();
    }
    Map<String, String> tags = s3.getObjectTagging(r -> r.bucket(bucket).key(key)).tagSet().stream()
        .collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b));
    return Optional.of(new StoredFile(size, first, tags));
  }

  @Override
  public Optional<InputStream> open(String key) {
    try {
      return Optional.of(s3.getObject(r -> r.bucket(bucket).key(key)));
    } catch (NoSuchKeyException gone) {
      return Optional.empty();
    }
  }

  @Override
  public void write(String key, byte[] bytes, String contentType) {
    s3.putObject(r -> r.bucket(bucket).key(key).contentType(contentType), RequestBody.fromBytes(bytes));
  }

  @Override
  public void move(String fromKey, String toKey, String contentType) {
    s3.copyObject(r -> r.sourceBucket(bucket).sourceKey(fromKey).destinationBucket(bucket).destinationKey(toKey)
        .metadataDirective(MetadataDirective.REPLACE).contentType(contentType));
    s3.deleteObject(r -> r.bucket(bucket).key(fromKey));
  }

  @Override
  public void delete(String key) {
    s3.deleteObject(r -> r.bucket(bucket).key(key));
  }
}
