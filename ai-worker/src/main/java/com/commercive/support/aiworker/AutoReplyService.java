package com.commercive.support.aiworker;

import com.commercive.support.assistant.Answer;
import com.commercive.support.assistant.Assistant;
import com.commercive.support.assistant.Question;
import com.commercive.support.assistant.Topic;
import com.commercive.support.assistant.Turn;
import com.commercive.support.config.AutoReplySettings;
import com.commercive.support.domain.Message;
import com.commercive.support.domain.Priority;
import com.commercive.support.domain.PrioritySource;
import com.commercive.support.domain.SenderType;
import com.commercive.support.domain.Ticket;
import com.commercive.support.domain.TicketStatus;
import com.commercive.support.domain.WarmUp;
import com.commercive.support.pipeline.AiJob;
import com.commercive.support.service.AssignmentService;
import com.commercive.support.service.AppendMessage;
import com.commercive.support.service.AssistantService;
import com.commercive.support.service.PersonRequest;
import com.commercive.support.service.PriorityDetection;
import com.commercive.support.service.RateLimiter;
import com.commercive.support.service.UrgencyClassifier;
import com.commercive.support.store.TicketRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AI worker's use case: answer a merchant's unanswered messages once. Jobs of one ticket
 * arrive one at a time (FIFO per ticket); a job for a message that is not the newest unanswered
 * one is skipped, so a burst of messages gets one reply; the reply's id is derived from the
 * newest message it answers, so a redelivered job cannot reply twice.
 */
public final class AutoReplyService {
  private static final Logger LOG = LoggerFactory.getLogger(AutoReplyService.class);

  /** Why a job did or did not produce a reply (for logs and tests). */
  public enum Outcome {
    REPLIED,
    HANDED_OFF,
    ALREADY_REPLIED,
    SKIPPED_DISABLED,
    SKIPPED_NO_TICKET,
    SKIPPED_CLOSED,
    SKIPPED_HUMAN_REPLIED,
    SKIPPED_CAP_REACHED,
    SKIPPED_ANSWERED_LATER,
    SKIPPED_NOTHING_TO_ANSWER,
    SKIPPED_RATE_LIMITED;

    /**
     * Whether the merchant's message now needs a person: the assistant handed off (or the merchant
     * asked for a person), or auto-replies are off or used up for this ticket or merchant.
     */
    public boolean needsPerson() {
      return this == HANDED_OFF || this == SKIPPED_DISABLED || this == SKIPPED_CAP_REACHED || this == SKIPPED_RATE_LIMITED;
    }
  }

  /** What the ticket shows when the merchant asked for a person: no answer from the assistant. */
  static final String PERSON_REQUESTED_TEXT =
      "You asked to talk to a person: someone from our support team will reply here.";

  private final TicketRepository tickets;
  private final AppendMessage append;
  private final Assistant assistant;
  private final AutoReplySettings settings;
  private final RateLimiter limits;
  /** When a message needs a person: the ticket waits for an agent (null: nobody is assigned automatically). */
  private final AssignmentService assignments;
  /** Live listeners told when the assistant starts on a question and when its reply is stored. */
  private final AssistantAnnouncer announcer;
  private final Clock clock;
  /** The second reading of a ticket's opening, with the assistant's topic (priority detection). */
  private final UrgencyClassifier urgency;

  public AutoReplyService(TicketRepository tickets, AppendMessage append, Assistant assistant,
      AutoReplySettings settings, RateLimiter limits, AssignmentService assignments, AssistantAnnouncer announcer,
      Clock clock) {
    this(tickets, append, assistant, settings, limits, assignments, announcer, clock, UrgencyClassifier.NONE);
  }

  public AutoReplyService(TicketRepository tickets, AppendMessage append, Assistant assistant,
      AutoReplySettings settings, RateLimiter limits, AssignmentService assignments, AssistantAnnouncer announcer,
      Clock clock, UrgencyClassifier urgency) {
    this.urgency = urgency;
    this.tickets = tickets;
    this.append = append;
    this.assistant = assistant;
    this.settings = settings;
    this.limits = limits;
    this.assignments = assignments;
    this.announcer = announcer;
    this.clock = clock;
  }

  /** The id of the AI message answering up to {@code messageId}: the same for every redelivery. */
  public static String replyId(String messageId) {
    return "ai-" + messageId;
  }

  /**
   * Runs the reads and the assistant a job needs, writing and queueing nothing: what a function
   * does before its SnapStart snapshot, so a restored environment answers its first job warm.
   */
  public void warmUp() {
    tickets.find(WarmUp.ID);
    tickets.recentMessages(WarmUp.ID, 1);
    assistant.warmUp();
  }

  /** Answers the job's message once; when it needs a person, the ticket then waits for an agent. */
  public Outcome handle(AiJob job) {
    Outcome outcome = answer(job);
    if (assignments != null && outcome.needsPerson()) {
      assignments.needsAgent(job.ticketId());
    }
    return outcome;
  }

  private Outcome answer(AiJob job) {
    if (!settings.enabled()) {
      return Outcome.SKIPPED_DISABLED;
    }
    Optional<Message> asked = tickets.findMessage(job.messageId());
    if (asked.isPresent()) {
      settle(asked.get().createdAt());
    }
    Optional<Ticket> found = tickets.find(job.ticketId());
    if (found.isEmpty()) {
      return Outcome.SKIPPED_NO_TICKET;
    }
    Ticket ticket = found.get();
    if (ticket.status() == TicketStatus.CLOSED) {
      return Outcome.SKIPPED_CLOSED;
    }
    if (ticket.humanReplied()) {
      return Outcome.SKIPPED_HUMAN_REPLIED;
    }
    List<Message> thread = tickets.recentMessages(ticket.ticketId(), AssistantService.HISTORY_MESSAGES);
    int firstUnanswered = thread.size();
    while (firstUnanswered > 0 && thread.get(firstUnanswered - 1).senderType() == SenderType.USER) {
      firstUnanswered--;
    }
    List<Message> unanswered = thread.subList(firstUnanswered, thread.size());
    if (unanswered.stream().noneMatch(m -> m.messageId().equals(job.messageId()))) {
      // Already answered (a redelivery after the reply), or not in the recent window.
      return tickets.findMessage(replyId(job.messageId())).isPresent()
          ? Outcome.ALREADY_REPLIED
          : Outcome.SKIPPED_NOTHING_TO_ANSWER;
    }
    Message newest = unanswered.get(unanswered.size() - 1);
    if (!newest.messageId().equals(job.messageId())) {
      return Outcome.SKIPPED_ANSWERED_LATER;
    }
    if (tickets.findMessage(replyId(newest.messageId())).isPresent()) {
      // A redelivery after the reply was stored: don't pay for a second answer.
      return Outcome.ALREADY_REPLIED;
    }
    if (ticket.aiReplies() >= settings.maxPerTicket()) {
      return Outcome.SKIPPED_CAP_REACHED;
    }
    if (limits.tryAcquire(RateLimiter.Limit.AUTO_REPLIES, ticket.userId()).isPresent()) {
      // The team was told about the message anyway; a person answers.
      return Outcome.SKIPPED_RATE_LIMITED;
    }

    List<Turn> history = new ArrayList<>();
    for (Message earlier : thread.subList(0, firstUnanswered)) {
      history.add(AssistantService.turnOf(earlier));
    }
    StringBuilder question = new StringBuilder();
    for (Message message : unanswered) {
      if (!question.isEmpty()) {
        question.append("\n\n");
      }
      question.append(message.textWithFileNames());
    }
    Answer answer;
    if (PersonRequest.in(question.toString())) {
      answer = new Answer(PERSON_REQUESTED_TEXT, Topic.GENERAL, 0, List.of(), true);
    } else {
      announce("assistant.typing", () -> announcer.startedAnswering(ticket.ticketId()));
      answer = assistant.answer(new Question(question.toString(), ticket.subject(), history));
    }

    if (firstUnanswered == 0 && thread.size() < AssistantService.HISTORY_MESSAGES) {
      // The ticket's opening, nothing answered yet: read again with what the assistant found.
      secondReading(ticket, thread.get(0), answer.topic());
    }

    String replyId = replyId(newest.messageId());
    String text = AssistantService.asMessageText(answer);
    // Checked again against the ticket as stored when the reply lands: a close, a person's reply
    // or a newer message from the merchant since the job started all win over this reply, and
    // the reply never changes the status. A handoff is marked on the message: the stream
    // processor tells the team, as for every other notification.
    var appended = append.append(ticket.ticketId(),
        AppendMessage.Draft.assistant(replyId, AssistantService.ASSISTANT_ID, text, answer.handoff(), false),
        current -> Optional.ofNullable(declines(current, newest)));
    if (appended.alreadyAppended()) {
      return Outcome.ALREADY_REPLIED;
    }
    if (appended.declined() != null) {
      return appended.declined();
    }
    Message stored = appended.message();
    announce("message.created", () -> announcer.replied(stored));
    return answer.handoff() ? Outcome.HANDED_OFF : Outcome.REPLIED;
  }

  /**
   * Raises the ticket when its opening, read again with the topic the assistant found and the
   * urgency model, is urgent where the rules at creation did not see it ("where is it?" about a
   * payout; "sold 11k, received 0"). One conditional write on the ticket as stored: never over an
   * agent's priority, never lower.
   */
  private void secondReading(Ticket ticket, Message opening, Topic topic) {
    if (ticket.prioritySource() == PrioritySource.AGENT || ticket.priority() == Priority.HIGH) {
      return; // nothing to raise: spare the model's reading
    }
    Optional<PriorityDetection.Detection> detected = PriorityDetection.secondReading(ticket.subject(), opening.text(),
        topic, () -> urgency.probabilityHigh(ticket.subject(), opening.text()));
    if (detected.isEmpty() || detected.get().priority().compareTo(ticket.priority()) <= 0) {
      return;
    }
    Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    tickets.update(ticket.ticketId(), current ->
        current.raise(detected.get().priority(), detected.get().reason(), at, append.levels()))
        .ifPresent(raised -> LOG.atInfo().addKeyValue("ticket_id", ticket.ticketId())
            .addKeyValue("priority", raised.ticket().priority().wireName()).addKeyValue("topic", topic.wireName())
            .addKeyValue("reason", raised.ticket().priorityReason())
            .log("priority raised on the second reading"));
  }

  /** Why the reply to {@code newest} is no longer due on the ticket as it now stands (null: it is). */
  private static Outcome declines(Ticket current, Message newest) {
    if (current.status() == TicketStatus.CLOSED) {
      return Outcome.SKIPPED_CLOSED;
    }
    if (current.humanReplied()) {
      return Outcome.SKIPPED_HUMAN_REPLIED;
    }
    if (current.lastMessage() != null && current.lastMessage().senderType() == SenderType.USER
        && current.lastMessage().createdAt().isAfter(newest.createdAt())) {
      return Outcome.SKIPPED_ANSWERED_LATER;
    }
    return null;
  }

  /**
   * Live updates are delivered at most once: a failed announcement is logged and the job goes on,
   * since the reply (or the answer about to be written) is what matters and a client that
   * reconnects reads the thread.
   */
  private static void announce(String event, Runnable announcement) {
    try {
      announcement.run();
    } catch (RuntimeException failure) {
      LOG.atWarn().addKeyValue("event", event).addKeyValue("error_type", failure.getClass().getName())
          .setCause(failure).log("live announcement failed; the job goes on");
    }
  }

  /** Waits until the message is {@code burstSettle} old, so that a burst can land first. */
  private void settle(Instant createdAt) {
    long wait = Duration.between(clock.instant(), createdAt.plus(settings.burstSettle())).toMillis();
    if (wait <= 0) {
      return;
    }
    try {
      Thread.sleep(Math.min(wait, settings.burstSettle().toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a burst to settle", e);
    }
  }
}
