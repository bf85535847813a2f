package com.commercive.support.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogueTest {
  @Test
  void everyTableAndQueueSpecIsInTheCatalogueOnceUnderItsOwnIdAndVariable() throws IllegalAccessException {
    assertThat(Catalogue.TABLES.stream().map(TableEntry::spec).toList())
        .containsExactlyInAnyOrderElementsOf(constants(SupportTables.class, TableSpec.class));
    assertThat(Catalogue.QUEUES.stream().map(QueueEntry::spec).toList())
        .containsExactlyInAnyOrderElementsOf(SupportQueues.ALL);
    List<String> ids = new ArrayList<>();
    Catalogue.TABLES.forEach(table -> ids.add(table.id()));
    Catalogue.QUEUES.forEach(queue -> ids.add(queue.id()));
    Catalogue.QUEUES.forEach(queue -> ids.add(queue.deadLetterId()));
    Catalogue.BUCKETS.forEach(bucket -> ids.add(bucket.id()));
    Catalogue.SCHEDULES.forEach(schedule -> ids.add(schedule.id()));
    Catalogue.FUNCTIONS.forEach(fn -> ids.add(fn.id()));
    assertThat(ids).doesNotHaveDuplicates().allMatch(id -> id.matches("[A-Z][A-Za-z0-9]+"));
    assertThat(Catalogue.TABLES.stream().map(TableEntry::variable)).doesNotHaveDuplicates();
    assertThat(Catalogue.FUNCTIONS.stream().map(FunctionEntry::name)).doesNotHaveDuplicates();
  }

  @Test
  void everyVariableAFunctionIsGivenIsOneTheSettingsKnow() throws IllegalAccessException {
    List<String> known = constants(EnvironmentVariables.class, String.class);
    for (FunctionEntry fn : Catalogue.FUNCTIONS) {
      assertThat(fn.environment()).as(fn.id()).doesNotHaveDuplicates().isSubsetOf(known)
          .startsWith(FunctionEntry.COMMON_VARIABLES.toArray(String[]::new));
    }
    // A constant's value is its own name: the settings and the stack cannot spell one differently.
    for (Field field : EnvironmentVariables.class.getFields()) {
      assertThat(field.get(null)).isEqualTo(field.getName());
    }
  }

  @Test
  void everyQueueWithADeadLetterQueueHasOneConsumerAndTheOthersNone() {
    for (QueueEntry queue : Catalogue.QUEUES) {
      long consumers = Catalogue.FUNCTIONS.stream().flatMap(fn -> fn.eventSources().stream())
          .filter(source -> source instanceof EventSource.QueueMessages messages && messages.queue().equals(queue))
          .count();
      assertThat(consumers).as(queue.id()).isEqualTo(queue.spec().deadLettered() ? 1 : 0);
      assertThat(Catalogue.consumerOf(queue).isPresent()).isEqualTo(queue.spec().deadLettered());
    }
    assertThat(Catalogue.consumerOf(Catalogue.AI_JOBS)).contains(Catalogue.AI_WORKER);
  }

  @Test
  void noStreamHasMoreThanTheTwoReadersDynamoDbServesWithoutThrottling() {
    for (TableEntry table : Catalogue.TABLES) {
      List<FunctionEntry> readers = Catalogue.streamReadersOf(table);
      assertThat(readers).as(table.id()).hasSizeLessThanOrEqualTo(2);
      if (!readers.isEmpty()) {
        assertThat(table.spec().streamed()).as(table.id() + " is streamed").isTrue();
      }
    }
    assertThat(Catalogue.streamReadersOf(Catalogue.TICKETS))
        .containsExactly(Catalogue.STREAM_PROCESSOR, Catalogue.LIVE_UPDATES);
  }

  @Test
  void theQueuesSendersAreToldTheirUrlsAndTheirConsumersTheirHandlersName() {
    assertThat(Catalogue.STREAM_PROCESSOR.variables())
        .contains(EnvironmentVariables.AI_JOBS_QUEUE_URL, EnvironmentVariables.NOTIFICATIONS_QUEUE_URL);
    assertThat(Catalogue.API.handler()).isEqualTo("com.commercive.support.api.ApiHandler::handleRequest");
    assertThat(Catalogue.ATTACHMENT_EXPIRER.module()).isEqualTo(Catalogue.ATTACHMENT_CHECKER.module());
  }

  @Test
  void everyScheduleAFunctionRunsOnIsCataloguedAndWrittenAsEventBridgeReadsIt() {
    Catalogue.FUNCTIONS.stream().flatMap(fn -> fn.eventSources().stream())
        .filter(EventSource.Scheduled.class::isInstance)
        .forEach(source -> assertThat(Catalogue.SCHEDULES).contains(((EventSource.Scheduled) source).schedule()));
    assertThat(new ScheduleEntry("Sweep", "rate(1 minute)").expression()).isEqualTo("rate(1 minute)");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ScheduleEntry("Sweep", "every minute"))
        .hasMessageContaining("Sweep");
  }

  @Test
  void tableNamesFindEveryCatalogueTablesName() {
    TableNames names = TableNames.defaults().withPrefix("p_");
    for (TableEntry table : Catalogue.TABLES) {
      assertThat(names.nameOf(table.spec())).isEqualTo("p_" + table.spec().defaultName());
    }
  }

  private static <T> List<T> constants(Class<?> holder, Class<T> type) throws IllegalAccessException {
    List<T> found = new ArrayList<>();
    for (Field field : holder.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && type.isAssignableFrom(field.getType())) {
        found.add(type.cast(field.get(null)));
      }
    }
    return found;
  }
}
