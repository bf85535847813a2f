package com.commercive.support.local;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.Record;

/** DynamoDB Streams records (as the SDK reads them) in the shape Lambda hands a function. */
final class StreamEvents {
  private StreamEvents() {}

  static DynamodbEvent.DynamodbStreamRecord toLambda(Record record, String streamArn, String region) {
    DynamodbEvent.DynamodbStreamRecord lambda = new DynamodbEvent.DynamodbStreamRecord();
    lambda.setEventID(record.eventID());
    lambda.setEventName(record.eventNameAsString());
    lambda.setEventVersion(record.eventVersion());
    lambda.setEventSource("aws:dynamodb");
    lambda.setAwsRegion(region);
    lambda.setEventSourceARN(streamArn);
    if (record.userIdentity() != null) {
      // DynamoDB's own removals (time to live) name it here, as on AWS.
      lambda.setUserIdentity(new com.amazonaws.services.lambda.runtime.events.models.dynamodb.Identity()
          .withType(record.userIdentity().type()).withPrincipalId(record.userIdentity().principalId()));
    }
    var change = record.dynamodb();
    StreamRecord stream = new StreamRecord();
    stream.setKeys(toLambda(change.keys()));
    stream.setNewImage(change.hasNewImage() ? toLambda(change.newImage()) : null);
    stream.setOldImage(change.hasOldImage() ? toLambda(change.oldImage()) : null);
    stream.setSequenceNumber(change.sequenceNumber());
    stream.setSizeBytes(change.sizeBytes());
    stream.setStreamViewType(
        com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType.fromValue(
            change.streamViewTypeAsString()));
    if (change.approximateCreationDateTime() != null) {
      stream.setApproximateCreationDateTime(Date.from(change.approximateCreationDateTime()));
    }
    lambda.setDynamodb(stream);
    return lambda;
  }

  static Map<String, AttributeValue> toLambda(
      Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item) {
    Map<String, AttributeValue> converted = new HashMap<>();
    item.forEach((name, value) -> converted.put(name, toLambda(value)));
    return converted;
  }

  static AttributeValue toLambda(software.amazon.awssdk.services.dynamodb.model.AttributeValue value) {
    AttributeValue lambda = new AttributeValue();
    switch (value.type()) {
      case S -> lambda.setS(value.s());
      case N -> lambda.setN(value.n());
      case BOOL -> lambda.setBOOL(value.bool());
      case NUL -> lambda.setNULL(value.nul());
      case M -> lambda.setM(toLambda(value.m()));
      case L -> {
        List<AttributeValue> list = new ArrayList<>();
        value.l().forEach(v -> list.add(toLambda(v)));
        lambda.setL(list);
      }
      case SS -> lambda.setSS(value.ss());
      case NS -> lambda.setNS(value.ns());
      case B -> lambda.setB(value.b().asByteBuffer());
      case BS -> lambda.setBS(value.bs().stream().map(b -> b.asByteBuffer()).toList());
      default -> throw new IllegalArgumentException("an attribute value of unknown type");
    }
    return lambda;
  }
}
