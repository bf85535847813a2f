package com.commercive.support.local;

import com.amazonaws.services.dynamodbv2.exceptions.DynamoDBLocalServiceException;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBRequestHandler;
import com.amazonaws.services.dynamodbv2.model.ExecuteTransactionRequest;
import com.amazonaws.services.dynamodbv2.model.ExecuteTransactionResult;
import com.amazonaws.services.dynamodbv2.model.ListTablesRequest;
import com.amazonaws.services.dynamodbv2.model.TransactWriteItemsRequest;
import com.amazonaws.services.dynamodbv2.model.TransactWriteItemsResult;

/**
 * DynamoDB Local's request handler, answering a transaction only once it is committed.
 *
 * <p>DynamoDB Local 2.6.1 runs every SQLite statement on one queue thread and waits for each, except
 * the {@code COMMIT} of a transaction, which it queues and does not wait for: the answer to a
 * {@code TransactWriteItems} can reach the client before the commit runs, and a process killed in
 * between loses a write it acknowledged: the last one answered before a {@code kill -9} was gone after
 * the restart in 12 of 18 kills ({@code DynamoDbLocalDurabilityIT} is the reproduction). The queue runs its jobs in
 * order, so one more statement that is waited for (the cheapest: list one table) returns only after the
 * commit has run.
 */
final class DurableTransactionsRequestHandler extends LocalDynamoDBRequestHandler {
  private static final ListTablesRequest AFTER_THE_COMMIT = new ListTablesRequest().withLimit(1);

  DurableTransactionsRequestHandler(boolean inMemory, String dbPath) throws DynamoDBLocalServiceException {
    super(0, inMemory, dbPath, true, false);
  }

  @Override
  public TransactWriteItemsResult transactWriteItems(String accessKey, String region,
      TransactWriteItemsRequest request) {
    TransactWriteItemsResult result = super.transactWriteItems(accessKey, region, request);
    awaitCommit(accessKey, region);
    return result;
  }

  @Override
  public ExecuteTransactionResult executeTransaction(String accessKey, String region,
      ExecuteTransactionRequest request) {
    ExecuteTransactionResult result = super.executeTransaction(accessKey, region, request);
    awaitCommit(accessKey, region);
    return result;
  }

  private void awaitCommit(String accessKey, String region) {
    listTables(accessKey, region, AFTER_THE_COMMIT);
  }
}
