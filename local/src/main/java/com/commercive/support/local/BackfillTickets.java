package com.commercive.support.local;

import com.commercive.support.config.SupportConfig;
import com.commercive.support.store.dynamodb.DynamoDbClients;
import com.commercive.support.store.dynamodb.TicketBackfill;

/**
 * Gives tickets stored before the agents' tools the attributes the inbox by assignee needs, in
 * the tables the environment names (TICKETS_TABLE, AWS_REGION; AWS_ENDPOINT_URL_DYNAMODB for the
 * local runner's DynamoDB): {@code java -cp local/target/commercive-support-local.jar
 * com.commercive.support.local.BackfillTickets}. Safe to run again, and while the system runs.
 */
public final class BackfillTickets {
  private BackfillTickets() {}

  public static void main(String[] args) {
    SupportConfig config = SupportConfig.fromEnvironment();
    try (var dynamoDb = DynamoDbClients.create(config)) {
      int updated = new TicketBackfill(dynamoDb, config.tables().tickets()).run();
      System.out.println("backfilled " + updated + " ticket(s) in " + config.tables().tickets());
    }
  }
}
