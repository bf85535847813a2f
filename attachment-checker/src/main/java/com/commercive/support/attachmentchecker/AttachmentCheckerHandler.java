package com.commercive.support.attachmentchecker;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.commercive.support.config.SupportConfig;
import com.commercive.support.lambda.SnapStartPriming;
import com.commercive.support.logging.InvocationLogContext;
import com.commercive.support.service.AttachmentCheck;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.eventnotifications.s3.model.S3EventNotification;
import software.amazon.awssdk.eventnotifications.s3.model.S3EventNotificationRecord;

/**
 * Consumes the bucket's event notifications (a file stored under quarantine; on AWS also its
 * malware scan's tag written) and checks the file each names. A record whose check fails is
 * reported alone: SQS redelivers it, and after the maximum receives moves it to the dead-letter
 * queue.
 */
public final class AttachmentCheckerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
  private static final Logger LOG = LoggerFactory.getLogger(AttachmentCheckerHandler.class);

  private final AttachmentCheck check;

  /** What Lambda calls: wires the real adapters from the environment, once per cold start. */
  public AttachmentCheckerHandler() {
    this(AttachmentCheckerWiring.check(SupportConfig.fromEnvironment()));
    SnapStartPriming.register("attachment-checker", () -> new TikaContentSniffer().detect(new byte[] {'%', 'P'}));
  }

  /** Takes its collaborators: what tests and the local runner use. */
  public AttachmentCheckerHandler(AttachmentCheck check) {
    this.check = check;
  }

  @Override
  public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
    return InvocationLogContext.around(context, () -> process(event));
  }

  SQSBatchResponse process(SQSEvent event) {
    List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
    for (SQSEvent.SQSMessage message : event.getRecords()) {
      try {
        for (String key : keys(message.getBody())) {
          AttachmentCheck.Outcome outcome = check.check(key);
          LOG.atInfo().addKeyValue("key", key).addKeyValue("outcome", outcome.name()).log("attachment checked");
        }
      } catch (RuntimeException failure) {
        LOG.atError().addKeyValue("sqs_message_id", message.getMessageId())
            .addKeyValue("error_type", failure.getClass().getName()).setCause(failure)
            .log("attachment check failed; it will be retried");
        failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
      }
    }
    return new SQSBatchResponse(failures);
  }

  /**
   * The object keys an S3 event notification names: stored objects and tags written. S3's test
   * event (sent when the notification is set up) names none. Keys arrive URL-encoded.
   */
  static List<String> keys(String body) {
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
