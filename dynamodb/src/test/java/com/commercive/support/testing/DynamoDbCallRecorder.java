package com.commercive.support.testing;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Records every DynamoDB call with the capacity it consumed (it asks for
 * {@code ReturnConsumedCapacity=TOTAL} on each request), so tests can hold a use case to a
 * constant number of calls and units whatever the data.
 */
public final class DynamoDbCallRecorder implements ExecutionInterceptor {
  public record Call(String operation, double capacityUnits) {}

  private final List<Call> calls = new ArrayList<>();

  @Override
  public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
    SdkRequest request = context.request();
    ReturnConsumedCapacity total = ReturnConsumedCapacity.TOTAL;
    if (request instanceof GetItemRequest r) {
      return r.toBuilder().returnConsumedCapacity(total).build();
    } else if (request instanceof PutItemRequest r) {
      return r.toBuilder().returnConsumedCapacity(total).build();
    } else if (request instanceof UpdateItemRequest r) {
      return r.toBuilder().returnConsumedCapacity(total).build();
    } else if (request instanceof DeleteItemRequest r) {
      return r.toBuilder().returnConsumedCapacity(total).build();
    } else if (request instanceof QueryRequest r) {
      return r.toBuilder().returnConsumedCapacity(total).build();
    } else if (request instanceof BatchGetItemRequest r) {
      return r.toBuilder().returnConsumedCapacity(total).build();
    } else if (request instanceof TransactWriteItemsRequest r) {
      return r.toBuilder().returnConsumedCapacity(total).build();
    }
    return request;
  }

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    SdkResponse response = context.response();
    double units = 0;
    if (response instanceof GetItemResponse r) {
      units = units(r.consumedCapacity());
    } else if (response instanceof PutItemResponse r) {
      units = units(r.consumedCapacity());
    } else if (response instanceof UpdateItemResponse r) {
      units = units(r.consumedCapacity());
    } else if (response instanceof DeleteItemResponse r) {
      units = units(r.consumedCapacity());
    } else if (response instanceof QueryResponse r) {
      units = units(r.consumedCapacity());
    } else if (response instanceof BatchGetItemResponse r) {
      units = r.consumedCapacity().stream().mapToDouble(DynamoDbCallRecorder::units).sum();
    } else if (response instanceof TransactWriteItemsResponse r) {
      units = r.consumedCapacity().stream().mapToDouble(DynamoDbCallRecorder::units).sum();
    }
    synchronized (calls) {
      calls.add(new Call(operation, units));
    }
  }

  @Override
  public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
    synchronized (calls) {
      calls.add(new Call(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), 0));
    }
  }

  private static double units(ConsumedCapacity capacity) {
    return capacity == null || capacity.capacityUnits() == null ? 0 : capacity.capacityUnits();
  }

  public List<Call> calls() {
    synchronized (calls) {
      return List.copyOf(calls);
    }
  }

  public List<String> operations() {
    return calls().stream().map(Call::operation).toList();
  }

  public double capacityUnits() {
    return calls().stream().mapToDouble(Call::capacityUnits).sum();
  }

  public void reset() {
    synchronized (calls) {
      calls.clear();
    }
  }
}
