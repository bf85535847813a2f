package com.commercive.support.lambda.batch;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * The one way a function handles a batch of DynamoDB stream records: a handler says what one
 * record does, and records are handled in order; at the first that fails the batch stops and
 * reports that record's sequence number, so Lambda retries from there (in order) and, after its
 * bounded retries, sends it to the mapping's failure destination while the shard moves on.
 */
public final class StreamBatches {
  private StreamBatches() {}

  public static StreamsEventResponse inOrder(DynamodbEvent event, Logger log, String what,
      Consumer<DynamodbEvent.DynamodbStreamRecord> handle) {
    List<DynamodbEvent.DynamodbStreamRecord> records = event.getRecords() == null ? List.of() : event.getRecords();
    for (DynamodbEvent.DynamodbStreamRecord record : records) {
      try {
        handle.accept(record);
      } catch (RuntimeException failure) {
        // A record without its change has no sequence number: the null identifier makes Lambda
        // retry the whole batch, which is all it can do with it.
        String sequence = record.getDynamodb() == null ? null : record.getDynamodb().getSequenceNumber();
        log.atError().addKeyValue("event_id", record.getEventID()).addKeyValue("sequence_number", sequence)
            .addKeyValue("error_type", failure.getClass().getName()).setCause(failure)
            .log("{} failed; the batch stops here and is retried from it", what);
        return StreamsEventResponse.builder()
            .withBatchItemFailures(List.of(StreamsEventResponse.BatchItemFailure.builder()
                .withItemIdentifier(sequence).build()))
            .build();
      }
    }
    return StreamsEventResponse.builder().withBatchItemFailures(List.of()).build();
  }
}
