package com.commercive.support.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PersonRequestTest {
  @Test
  void recognisesAMerchantAskingForAPerson() {
    for (String asks : List.of("Can I talk to a human?", "agent please", "I want to speak with a real person",
        "Connect me to an agent", "HUMAN PLEASE", "i need a live agent", "please let me chat with someone",
        "I want a person, not a bot")) {
      assertThat(PersonRequest.in(asks)).as(asks).isTrue();
    }
  }

  @Test
  void doesNotMistakeQuestionsAboutPeopleForIt() {
    for (String question : List.of("How do I add a person to my team?", "My agent code does not work",
        "How do I invite someone to my store?", "Where is my payout?", "", "The human resources page is blank")) {
      assertThat(PersonRequest.in(question)).as(question).isFalse();
    }
    assertThat(PersonRequest.in(null)).isFalse();
  }
}
