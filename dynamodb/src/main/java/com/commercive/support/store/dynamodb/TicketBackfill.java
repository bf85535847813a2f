package com.commercive.support.store.dynamodb;

import com.commercive.support.domain.Ticket;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Gives tickets stored before the agents' tools the attributes their indexes need: the assignee
 * inbox's key and who set the priority. Each ticket is updated on the condition that it still
 * lacks the key, so a ticket written meanwhile (which then has it) is left alone; running it again
 * changes nothing. The ticket's version is not moved: nothing its readers see changes.
 */
public final class TicketBackfill {
  private final DynamoDbClient dynamoDb;
  private final String ticketsTable;

  public TicketBackfill(DynamoDbClient dynamoDb, String ticketsTable) {
    this.dynamoDb = dynamoDb;
    this.ticketsTable = ticketsTable;
  }

  /** Backfills every ticket that needs it; how many it updated. */
  public int run() {
    int updated = 0;
    for (Map<String, AttributeValue> item : dynamoDb.scanPaginator(r -> r.tableName(ticketsTable)
        .filterExpression("attribute_not_exists(#key)")
        .expressionAttributeNames(Map.of("#key", TicketItems.ASSIGNEE_STATUS))).items()) {
      Ticket ticket = TicketItems.fromItem(item);
      try {
        dynamoDb.updateItem(r -> r.tableName(ticketsTable).key(TicketItems.key(ticket.ticketId()))
            .updateExpression("SET #key = :key, #source = if_not_exists(#source, :source)")
            .conditionExpression("attribute_exists(#id) AND attribute_not_exists(#key)")
            .expressionAttributeNames(Map.of("#key", TicketItems.ASSIGNEE_STATUS,
                "#source", TicketItems.PRIORITY_SOURCE, "#id", TicketItems.TICKET_ID))
            .expressionAttributeValues(Map.of(":key", AttributeValue.fromS(TicketItems.assigneeStatus(ticket)),
                ":source", AttributeValue.fromS(ticket.prioritySource().wireName()))));
        updated++;
      } catch (ConditionalCheckFailedException writtenMeanwhile) {
        // Written since the scan read it: it has its key already.
      }
    }
    return updated;
  }
}
