package com.commercive.support.domain;

/**
 * The ticket status rules of the API contract: a merchant's message (re)opens the ticket, a
 * support agent's message leaves it waiting on the merchant unless the agent closes it, and the
 * assistant never changes the status.
 */
public final class StatusRules {
  private StatusRules() {}

  public static TicketStatus afterMessage(
      TicketStatus current, SenderType sender, boolean closeRequested) {
    if (closeRequested) {
      if (sender != SenderType.ADMIN) {
        throw new IllegalArgumentException("only support agents close tickets");
      }
      return TicketStatus.CLOSED;
    }
    return switch (sender) {
      case USER -> TicketStatus.OPEN;
      case ADMIN -> TicketStatus.PENDING;
      case AI -> current;
    };
  }
}
