package com.commercive.support.resources;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SupportQueuesTest {
  @Test
  void fifoQueuesKeepTheSuffixSqsRequiresOnThemAndTheirDeadLetterQueues() {
    assertThat(SupportQueues.AI_JOBS.name("commercive-support-prod")).isEqualTo("commercive-support-prod-ai-jobs.fifo");
    assertThat(SupportQueues.AI_JOBS.deadLetterName("commercive-support"))
        .isEqualTo("commercive-support-ai-jobs-dlq.fifo");
    assertThat(SupportQueues.NOTIFICATIONS.deadLetterName("x")).isEqualTo("x-notifications-dlq");
  }

  @Test
  void testsCanKeepTheirTablesApartByPrefix() {
    assertThat(TableNames.defaults().withPrefix("t1_").tickets()).isEqualTo("t1_commercive_support_tickets");
  }
}
