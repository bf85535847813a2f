package com.commercive.support.service;

import com.commercive.support.assistant.Answer;
import com.commercive.support.assistant.Assistant;
import com.commercive.support.assistant.Question;
import com.commercive.support.assistant.Turn;
import com.commercive.support.domain.Caller;
import com.commercive.support.domain.FieldError;
import com.commercive.support.domain.Message;
import com.commercive.support.domain.SenderType;
import com.commercive.support.domain.Ticket;
import com.commercive.support.domain.ValidationException;
import com.commercive.support.store.TicketRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Asks the assistant a merchant's question, in the context of one of their tickets when given,
 * and appends the answer to the ticket as an AI message when asked to.
 */
public final class AssistantService {
  public static final int QUESTION_MAX = 4_000;
  /** How much of a ticket's history the assistant reads. */
  public static final int HISTORY_MESSAGES = 20;
  /** The sender id of the assistant's messages. */
  public static final String ASSISTANT_ID = "commercive-assistant";

  private final Assistant assistant;
  private final TicketAccess access;
  private final AppendMessage append;
  private final TicketRepository repository;
  private final Supplier<String> ids;
  private final RateLimiter limits;

  public AssistantService(Assistant assistant, TicketAccess access, AppendMessage append,
      TicketRepository repository, Supplier<String> ids, RateLimiter limits) {
    this.assistant = assistant;
    this.access = access;
    this.append = append;
    this.repository = repository;
    this.ids = ids;
    this.limits = limits;
  }

  /** The request as sent; {@code ticketId} null when absent. */
  public record AiRequest(String message, String ticketId, boolean addToTicket) {}

  /** The answer, and the AI message it became (null unless added to the ticket). */
  public record AiReply(Answer answer, Message message) {}

  public AiReply respond(Caller caller, AiRequest request) {
    List<FieldError> errors = new ArrayList<>();
    if (request.message() == null) {
      errors.add(new FieldError("message", "is required"));
    } else {
      TextRules.checkMessage("message", request.message(), QUESTION_MAX, errors);
    }
    if (request.addToTicket() && request.ticketId() == null) {
      errors.add(new FieldError("ticket_id", "is required with add_to_ticket"));
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    Ticket ticket = request.ticketId() == null ? null : access.ticket(caller, request.ticketId());
    if (!caller.admin()) {
      limits.acquire(RateLimiter.Limit.AI_REQUESTS, caller.userId());
    }

    if (ticket == null) {
      return new AiReply(assistant.answer(Question.of(request.message())), null);
    }
    List<Turn> history = new ArrayList<>();
    for (Message message : repository.recentMessages(ticket.ticketId(), HISTORY_MESSAGES)) {
      history.add(turnOf(message));
    }
    Answer answer = assistant.answer(new Question(request.message(), ticket.subject(), history));
    if (!request.addToTicket()) {
      return new AiReply(answer, null);
    }
    // Shown in the app as the answer to this request: the merchant is not emailed it too.
    var appended = append.append(ticket.ticketId(),
        AppendMessage.Draft.assistant(ids.get(), ASSISTANT_ID, asMessageText(answer), answer.handoff(), true));
    return new AiReply(answer, appended.message());
  }

  /** A stored message as a turn of the conversation the assistant reads. */
  public static Turn turnOf(Message message) {
    return new Turn(
        message.senderType() == SenderType.USER ? Turn.Speaker.CUSTOMER : Turn.Speaker.SUPPORT,
        message.textWithFileNames());
  }

  /** The answer as the text of an AI message: cut to the message limit if it is longer. */
  public static String asMessageText(Answer answer) {
    String text = answer.text();
    if (TextRules.length(text) <= MessageRules.MESSAGE_MAX) {
      return text;
    }
    return text.substring(0, text.offsetByCodePoints(0, MessageRules.MESSAGE_MAX - 1)) + "…";
  }
}
