package com.commercive.support.lambda.batch;

import com.amazonaws.services.lambda.runtime.events.transformers.v2.dynamodb.DynamodbAttributeValueTransformer;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What the stream-reading functions need from a stream record: its table, and its images as the
 * SDK's items, which the DynamoDB adapter's item mappers read. The conversion lives here, with
 * Lambda's event types, so the storage adapter does not depend on them.
 */
public final class StreamImages {
  private StreamImages() {}

  /** {@code arn:aws:dynamodb:<region>:<account>:table/<name>/stream/<label>} → name. */
  public static String tableOf(String eventSourceArn) {
    if (eventSourceArn == null) {
      throw new IllegalArgumentException("a stream record without its source");
    }
    int start = eventSourceArn.indexOf(":table/");
    int end = eventSourceArn.indexOf("/stream/");
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("not a DynamoDB stream ARN: " + eventSourceArn);
    }
    return eventSourceArn.substring(start + ":table/".length(), end);
  }

  /** A stream image (the event library's attribute values) as the SDK's; null stays null. */
  public static Map<String, AttributeValue> item(
      Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image) {
    return image == null ? null : DynamodbAttributeValueTransformer.toAttributeValueMapV2(image);
  }
}
