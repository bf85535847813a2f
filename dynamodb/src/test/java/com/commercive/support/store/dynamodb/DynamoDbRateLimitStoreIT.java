package com.commercive.support.store.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.commercive.support.resources.TableNames;
import com.commercive.support.standins.DynamoDbLocalServer;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class DynamoDbRateLimitStoreIT {
  @Test
  void countsExactlyUpToTheLimitThenSaysWhenTheWindowEnds() {
    try (DynamoDbClient client = DynamoDbLocalServer.client()) {
      TableNames tables = DynamoDbLocalServer.createTables(client);
      DynamoDbRateLimitStore store = new DynamoDbRateLimitStore(client, tables.idempotency());
      // In the future: DynamoDB Local deletes items whose TTL (expires_at) is past.
      Instant now = RateLimitRacesIT.QUARTER_PAST;
      for (int i = 0; i < 10; i++) {
        assertThat(store.tryAcquire("AI_REQUESTS#user-1", 10, Duration.ofHours(1), now)).as("use %d", i).isEmpty();
      }
      // Sliding: the ten uses of 10:15 weigh on the next hour until a tenth of it has passed.
      assertThat(store.tryAcquire("AI_REQUESTS#user-1", 10, Duration.ofHours(1), now)).contains(Duration.ofMinutes(51));
      assertThat(store.tryAcquire("AI_REQUESTS#user-2", 10, Duration.ofHours(1), now)).isEmpty();
      assertThat(store.tryAcquire("AI_REQUESTS#user-1", 10, Duration.ofHours(1), now.plus(Duration.ofHours(1)))).isEmpty();
    }
  }
}
