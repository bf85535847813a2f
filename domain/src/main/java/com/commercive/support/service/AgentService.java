package com.commercive.support.service;

import com.commercive.support.domain.Agent;
import com.commercive.support.domain.Caller;
import com.commercive.support.domain.FieldError;
import com.commercive.support.domain.ForbiddenException;
import com.commercive.support.domain.User;
import com.commercive.support.domain.ValidationException;
import com.commercive.support.store.AgentRoster;
import com.commercive.support.store.UserDirectory;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The support team's roster: who takes tickets and how many at once. Admins only. */
public final class AgentService {
  /** {@code me} in a path means the caller. */
  public static final String ME = "me";
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.@|:-]{1,128}");

  private final AgentRoster roster;
  private final UserDirectory users;
  /** Fills the seats an agent's change may open (null: automatic assignment is off). */
  private final AssignmentService assignments;

  public AgentService(AgentRoster roster, UserDirectory users, AssignmentService assignments) {
    this.roster = roster;
    this.users = users;
    this.assignments = assignments;
  }

  /** An agent's settings as sent: each null when absent. */
  public record AgentUpdate(Boolean available, Integer maxOpen) {}

  public List<Agent> list(Caller caller) {
    requireAdmin(caller);
    return roster.list();
  }

  /**
   * Puts {@code agentId} ({@code me}: the caller) on the roster with these settings. Only members
   * of the support team (role admin in the users table; the caller themselves by their token) can be.
   */
  public Agent update(Caller caller, String agentId, AgentUpdate update) {
    requireAdmin(caller);
    List<FieldError> errors = new ArrayList<>();
    if (update.available() == null) {
      errors.add(new FieldError("available", "is required: true or false"));
    }
    if (update.maxOpen() == null) {
      errors.add(new FieldError("max_open", "is required: 1 to " + Agent.MAX_OPEN_LIMIT));
    } else if (update.maxOpen() < 1 || update.maxOpen() > Agent.MAX_OPEN_LIMIT) {
      errors.add(new FieldError("max_open", "must be from 1 to " + Agent.MAX_OPEN_LIMIT));
    }
    String id = ME.equals(agentId) ? caller.userId() : agentId;
    if (id == null || !ID.matcher(id).matches()) {
      errors.add(new FieldError("agent_id", "is not a user id"));
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    User user = users.findAll(List.of(id)).get(id);
    String name;
    String email;
    if (user != null && user.admin()) {
      name = user.name();
      email = user.email();
    } else if (id.equals(caller.userId()) && user == null) {
      name = caller.name();
      email = caller.email();
    } else {
      throw ValidationException.of("agent_id", "only members of the support team (role admin) can be agents");
    }
    Agent saved = roster.save(id, name, email, update.available(), update.maxOpen());
    if (assignments != null && saved.hasRoom()) {
      // Available again, or given more room: the longest-waiting tickets come first.
      assignments.assignWaiting();
      return roster.find(id).orElse(saved);
    }
    return saved;
  }

  private static void requireAdmin(Caller caller) {
    if (!caller.admin()) {
      throw new ForbiddenException("only the support team manages the roster");
    }
  }
}
