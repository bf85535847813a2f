package com.commercive.support.attachmentchecker;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.eventnotifications.s3.model.S3EventNotification;
import software.amazon.awssdk.eventnotifications.s3.model.S3EventNotificationRecord;

/** What the attachment checker reads from an SQS message: the bucket's event notification. */
final class S3NotificationKeys {
  private S3NotificationKeys() {}

  /**
   * The object keys an S3 event notification names: stored objects and tags written. S3's test
   * event (sent when the notification is set up) names none. Keys arrive URL-encoded.
   */
  static List<String> of(String body) {
    S3EventNotification notification = S3EventNotification.fromJson(body);
    List<String> keys = new ArrayList<>();
    if (notification.getRecords() == null) {
      return keys;
    }
    for (S3EventNotificationRecord record : notification.getRecords()) {
      String name = record.getEventName();
      if (name == null || !(name.startsWith("ObjectCreated:") || name.startsWith("ObjectTagging:"))) {
        continue;
      }
      keys.add(URLDecoder.decode(record.getS3().getObject().getKey(), StandardCharsets.UTF_8));
    }
    return keys;
  }
}
