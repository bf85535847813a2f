package com.commercive.support.streamprocessor;

import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;

/**
 * Stream images (the Lambda event library's attribute values) as SDK attribute values, so that
 * the store's own item mappers read them.
 */
final class StreamImages {
  private StreamImages() {}

  static Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> toSdk(
      Map<String, AttributeValue> image) {
    if (image == null) {
      return null;
    }
    Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item = new HashMap<>();
    image.forEach((name, value) -> item.put(name, toSdk(value)));
    return item;
  }

  static software.amazon.awssdk.services.dynamodb.model.AttributeValue toSdk(AttributeValue value) {
    var sdk = software.amazon.awssdk.services.dynamodb.model.AttributeValue.builder();
    if (value.getS() != null) {
      return sdk.s(value.getS()).build();
    } else if (value.getN() != null) {
      return sdk.n(value.getN()).build();
    } else if (value.getBOOL() != null) {
      return sdk.bool(value.getBOOL()).build();
    } else if (value.getNULL() != null) {
      return sdk.nul(value.getNULL()).build();
    } else if (value.getM() != null) {
      return sdk.m(toSdk(value.getM())).build();
    } else if (value.getL() != null) {
      List<software.amazon.awssdk.services.dynamodb.model.AttributeValue> list = new ArrayList<>();
      value.getL().forEach(v -> list.add(toSdk(v)));
      return sdk.l(list).build();
    } else if (value.getSS() != null) {
      return sdk.ss(value.getSS()).build();
    } else if (value.getNS() != null) {
      return sdk.ns(value.getNS()).build();
    } else if (value.getB() != null) {
      return sdk.b(SdkBytes.fromByteBuffer(value.getB())).build();
    } else if (value.getBS() != null) {
      return sdk.bs(value.getBS().stream().map(SdkBytes::fromByteBuffer).toList()).build();
    }
    throw new IllegalArgumentException("an attribute value with no type");
  }
}
