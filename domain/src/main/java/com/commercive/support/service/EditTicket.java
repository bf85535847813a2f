package com.commercive.support.service;

import com.commercive.support.domain.ServiceLevels;
import com.commercive.support.domain.Agent;
import com.commercive.support.domain.Assignee;
import com.commercive.support.domain.Caller;
import com.commercive.support.domain.FieldError;
import com.commercive.support.domain.ForbiddenException;
import com.commercive.support.domain.NotFoundException;
import com.commercive.support.domain.Priority;
import com.commercive.support.domain.Ticket;
import com.commercive.support.domain.TicketStatus;
import com.commercive.support.domain.ValidationException;
import com.commercive.support.domain.VersionCondition;
import com.commercive.support.domain.VersionMismatchException;
import com.commercive.support.store.AgentRoster;
import com.commercive.support.store.TicketRepository;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The support team edits a ticket's own fields (status, priority, assignee); its owner may only
 * close it ("this is solved").
 */
public final class EditTicket {
  private final TicketRepository tickets;
  private final AgentRoster roster;
  private final ServiceLevels levels;
  private final Clock clock;

  public EditTicket(TicketRepository tickets, AgentRoster roster, ServiceLevels levels, Clock clock) {
    this.levels = levels;
    this.tickets = tickets;
    this.roster = roster;
    this.clock = clock;
  }

  /**
   * An edit of a ticket's own fields as sent, each null when absent; {@code assigneeId} empty
   * means "unassign".
   */
  public record TicketUpdate(String status, String priority, Optional<String> assigneeId) {
    public TicketUpdate(String status, String priority) {
      this(status, priority, null);
    }
  }

  /**
   * Changes a ticket's status, priority or assignee, only to a version {@code expectedVersion}
   * admits (the caller's {@code If-Match}). A priority set here is the agent's.
   *
   * @return the ticket after the change (as it is when the request changes nothing)
   * @throws VersionMismatchException the ticket is at a version {@code expectedVersion} does not admit; nothing changed
   */
  public Ticket edit(Caller caller, String ticketId, TicketUpdate request, VersionCondition expectedVersion) {
    List<FieldError> errors = new ArrayList<>();
    if (request.status() == null && request.priority() == null && request.assigneeId() == null) {
      errors.add(new FieldError("body", "must change at least one of status, priority, assignee_id"));
    }
    TicketStatus status = null;
    if (request.status() != null) {
      status = TicketStatus.fromWire(request.status()).orElse(null);
      if (status == null) {
        errors.add(new FieldError("status", "must be open, pending or closed"));
      }
    }
    Priority priority = null;
    if (request.priority() != null) {
      priority = Priority.fromWireExactly(request.priority()).orElse(null);
      if (priority == null) {
        errors.add(new FieldError("priority", "must be low, medium or high"));
      }
    }
    MessageRules.throwIfAny(errors);
    if (!MessageRules.isId(ticketId)) {
      throw NotFoundException.ticket();
    }
    boolean ownersChange = priority == null && status == TicketStatus.CLOSED && request.assigneeId() == null;
    Optional<Assignee> assignee = null;
    if (request.assigneeId() != null && caller.admin()) {
      assignee = request.assigneeId().isEmpty() ? Optional.empty() : Optional.of(rosterAgent(request.assigneeId().get()));
    }
    Optional<Assignee> newAssignee = assignee;
    TicketStatus newStatus = status;
    Priority newPriority = priority;
    Ticket[] current = new Ticket[1];
    // Who may change it is checked on the ticket as read for the write: one read, one write.
    Optional<TicketRepository.Applied> applied = tickets.update(ticketId, stored -> {
      if (!caller.mayAccess(stored)) {
        throw new ForbiddenException("you do not have access to this ticket");
      }
      if (!caller.admin() && !ownersChange) {
        throw new ForbiddenException("a ticket's owner may only close it; the support team changes the rest");
      }
      current[0] = stored;
      if (!expectedVersion.admits(stored.version())) {
        throw new VersionMismatchException(stored.version());
      }
      return stored.edit(newStatus, newPriority, newAssignee,
          stored.changeAt(clock.instant().truncatedTo(ChronoUnit.MILLIS)), levels);
    });
    return applied.map(TicketRepository.Applied::ticket).orElse(current[0]);
  }

  /** The agent on the roster with this id, as a ticket's assignee; anyone else is a bad request. */
  private Assignee rosterAgent(String agentId) {
    Agent agent = agentId.isBlank() ? null : roster.find(agentId).orElse(null);
    if (agent == null) {
      throw ValidationException.of("assignee_id", "no agent on the roster has this id");
    }
    return new Assignee(agent.agentId(), agent.name());
  }
}
