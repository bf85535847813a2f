package com.commercive.support.attachmentchecker;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.commercive.support.config.SupportConfig;
import com.commercive.support.lambda.batch.StreamBatches;
import com.commercive.support.logging.InvocationLogContext;
import com.commercive.support.service.AttachmentCheck;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the attachments table's stream and deletes the files of uploads that were never sent:
 * their records carry a time to live until a message takes them, and DynamoDB's removal of an
 * expired record (the stream names DynamoDB itself as who removed it) is what deletes the files.
 * Every other change is left alone (on AWS the event source mapping's filter passes only these).
 * At the first record that fails, the batch stops and reports it, so it is retried in order.
 */
public final class AttachmentExpiryHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
  private static final Logger LOG = LoggerFactory.getLogger(AttachmentExpiryHandler.class);
  /** Who a time-to-live removal is made by, in a stream record's {@code userIdentity}. */
  static final String DYNAMODB = "dynamodb.amazonaws.com";

  private final AttachmentCheck check;

  /** What Lambda calls: wires the real adapters from the environment, once per cold start. */
  public AttachmentExpiryHandler() {
    this(AttachmentCheckerWiring.check(SupportConfig.fromEnvironment()));
  }

  /** Takes its collaborators: what tests and the local runner use. */
  public AttachmentExpiryHandler(AttachmentCheck check) {
    this.check = check;
  }

  @Override
  public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
    return InvocationLogContext.around(context, () -> process(event));
  }

  StreamsEventResponse process(DynamodbEvent event) {
    return StreamBatches.inOrder(event, LOG, "an expiry", this::expire);
  }

  private void expire(DynamodbEvent.DynamodbStreamRecord record) {
    if (expiredUnsent(record)) {
      Map<String, AttributeValue> old = record.getDynamodb().getOldImage();
      check.expired(old.get("ticket_id").getS(), old.get("attachment_id").getS());
      LOG.atInfo().addKeyValue("attachment_id", old.get("attachment_id").getS())
          .addKeyValue("ticket_id", old.get("ticket_id").getS()).log("expired upload's files deleted");
    }
  }

  /** A record DynamoDB removed because its time ran out, of an upload no message took. */
  static boolean expiredUnsent(DynamodbEvent.DynamodbStreamRecord record) {
    var identity = record.getUserIdentity();
    return "REMOVE".equals(record.getEventName())
        && identity != null && "Service".equals(identity.getType()) && DYNAMODB.equals(identity.getPrincipalId())
        && record.getDynamodb() != null && record.getDynamodb().getOldImage() != null
        && !record.getDynamodb().getOldImage().containsKey("message_id");
  }
}
