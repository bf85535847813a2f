package com.commercive.support.store.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import com.commercive.support.service.PostMessage;

import com.commercive.support.domain.Message;
import com.commercive.support.domain.SenderType;
import com.commercive.support.domain.Ticket;
import com.commercive.support.domain.TicketStatus;
import com.commercive.support.service.PostMessage.NewMessage;
import com.commercive.support.testkit.Races;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Issue 13's lost updates, raced against DynamoDB Local: a merchant's message against an admin's
 * close. Every write derives the ticket from the version it replaces, so the ticket always agrees
 * with its newest message. (The auto-reply against a close is raced in the AI worker's tests.)
 */
class TicketRacesIT {
  static final int ROUNDS = 25;
  @AutoClose
  static final TicketsOnDynamoDbLocal tickets = new TicketsOnDynamoDbLocal();
  @AutoClose
  static final Races races = new Races(2);

  @Test
  void aMerchantsMessageAndAnAdminsCloseLeaveTheTicketAgreeingWithItsNewestMessage() throws Exception {
    int reopenedByTheMerchant = 0;
    for (int round = 0; round < ROUNDS; round++) {
      String id = tickets.openTicket();
      races.together(
          () -> tickets.service.post().post(TicketsOnDynamoDbLocal.OWNER, id, new NewMessage("any news on this?", null, false)),
          () -> tickets.service.post().post(TicketsOnDynamoDbLocal.ADMIN, id, new NewMessage("Solved, closing.", null, true)));

      Ticket ticket = tickets.repository.find(id).orElseThrow();
      List<Message> thread = tickets.thread(id);
      Message newest = thread.stream().max(Comparator.comparing(Message::createdAt)).orElseThrow();
      assertThat(ticket.messageCount()).as("round %d", round).isEqualTo(thread.size()).isEqualTo(3);
      assertThat(ticket.lastMessage().createdAt()).as("round %d", round).isEqualTo(newest.createdAt());
      assertThat(ticket.lastMessage().senderType()).as("round %d", round).isEqualTo(newest.senderType());
      assertThat(ticket.status()).as("round %d: newest from %s", round, newest.senderType())
          .isEqualTo(newest.senderType() == SenderType.USER ? TicketStatus.OPEN : TicketStatus.CLOSED);
      assertThat(ticket.updatedAt()).isEqualTo(newest.createdAt());
      if (newest.senderType() == SenderType.USER) {
        reopenedByTheMerchant++;
      }
    }
    System.out.printf("merchant message vs admin close: %d of %d rounds ended with the merchant's message%n",
        reopenedByTheMerchant, ROUNDS);
  }

}
