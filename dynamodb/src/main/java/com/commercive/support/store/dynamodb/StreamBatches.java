package com.commercive.support.store.dynamodb;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * The one way a function handles a batch of stream records: in order, and at the first record that
 * fails it stops and reports that record's sequence number, so Lambda retries from there (in order)
 * and, after its bounded retries, sends it to the mapping's failure destination while the shard
 * moves on.
 */
public final class StreamBatches {
  private StreamBatches() {}

  public static StreamsEventResponse inOrder(DynamodbEvent event, Consumer<DynamodbEvent.DynamodbStreamRecord> handle,
      Logger log, String what) {
    for (DynamodbEvent.DynamodbStreamRecord record : event.getRecords()) {
      try {
        handle.accept(record);
      } catch (RuntimeException failure) {
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
