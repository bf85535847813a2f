package com.commercive.support.store.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.commercive.support.fakes.MutableClock;
import com.commercive.support.resources.TableNames;
import com.commercive.support.standins.DynamoDbLocalServer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynamoDbAddressBookIT {
  @Test
  void remembersTheLastUserAtAnAddressWithoutCaseStoresNoAddressAndForgetsAfterAYear() {
    try (DynamoDbClient client = DynamoDbLocalServer.client()) {
      TableNames tables = DynamoDbLocalServer.createTables(client);
      // In the future: DynamoDB Local deletes items whose TTL is past.
      MutableClock clock = new MutableClock(Instant.now().plus(Duration.ofDays(30)));
      DynamoDbAddressBook book = new DynamoDbAddressBook(client, tables.idempotency(), clock);

      assertThat(book.userAt("dana@example.com")).isEmpty();
      book.remember("Dana@Example.com", "user-1");
      assertThat(book.userAt(" dana@EXAMPLE.com")).contains("user-1");
      book.remember("dana@example.com", "user-9");
      assertThat(book.userAt("dana@example.com")).as("the address changed hands").contains("user-9");
      assertThat(book.userAt("dan@example.com")).isEmpty();

      var items = client.scan(r -> r.tableName(tables.idempotency())).items();
      assertThat(items).hasSize(1);
      assertThat(items.get(0).toString()).doesNotContainIgnoringCase("dana");
      assertThat(items.get(0)).containsEntry("user_id", AttributeValue.fromS("user-9"));

      clock.advance(DynamoDbAddressBook.KEPT_FOR.plusSeconds(1));
      assertThat(book.userAt("dana@example.com")).as("not emailed there for too long").isEmpty();
    }
  }
}
