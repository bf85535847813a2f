package com.commercive.support.config;

import static com.commercive.support.resources.EnvironmentVariables.ATTACHMENTS_BUCKET;
import static com.commercive.support.resources.EnvironmentVariables.ATTACHMENT_CONTENT_TYPES;
import static com.commercive.support.resources.EnvironmentVariables.ATTACHMENT_MALWARE_SCAN;
import static com.commercive.support.resources.EnvironmentVariables.ATTACHMENT_MAX_BYTES;

import com.commercive.support.resources.SupportBuckets;
import com.commercive.support.service.AttachmentService;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Attachments: the bucket their files are kept in ({@code ATTACHMENTS_BUCKET}), the types
 * accepted ({@code ATTACHMENT_CONTENT_TYPES}, a comma-separated list of media types), the largest
 * file ({@code ATTACHMENT_MAX_BYTES}, 10 MiB by default) and whether the bucket's files are scanned
 * for malware by GuardDuty ({@code ATTACHMENT_MALWARE_SCAN}: a file is then ready only once the
 * scan has found it clean).
 */
public record AttachmentSettings(String bucket, AttachmentService.Policy policy) {
  public static final String DEFAULT_BUCKET = SupportBuckets.LOCAL_ATTACHMENTS_BUCKET;
  /** S3's limit for one POST upload. */
  static final long MAX_UPLOAD_BYTES = 5L * 1024 * 1024 * 1024;

  public static AttachmentSettings from(Environment env) {
    String bucket = env.value(ATTACHMENTS_BUCKET).orElse(DEFAULT_BUCKET);
    if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
      throw new IllegalArgumentException("ATTACHMENTS_BUCKET is not a valid S3 bucket name");
    }
    List<String> listed = env.list(ATTACHMENT_CONTENT_TYPES);
    Set<String> types = new LinkedHashSet<>();
    for (String type : listed.isEmpty() ? AttachmentService.Policy.DEFAULT_CONTENT_TYPES : listed) {
      String normal = type.toLowerCase(Locale.ROOT);
      if (!normal.matches("[a-z]+/[a-z0-9.+-]+")) {
        throw new IllegalArgumentException("ATTACHMENT_CONTENT_TYPES entries must be media types such as image/png");
      }
      types.add(normal);
    }
    long maxBytes = env.number(ATTACHMENT_MAX_BYTES, AttachmentService.Policy.DEFAULT_MAX_BYTES, 1, MAX_UPLOAD_BYTES);
    return new AttachmentSettings(bucket,
        new AttachmentService.Policy(types, maxBytes, env.flag(ATTACHMENT_MALWARE_SCAN, false)));
  }
}
