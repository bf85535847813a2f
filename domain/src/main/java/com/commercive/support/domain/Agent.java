package com.commercive.support.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A member of the support team on the roster: whether they take tickets now, how many open
 * tickets they take at most, how many they have ({@code openAssigned}: assigned and not closed),
 * and when they were last given one (null: never).
 */
public record Agent(
    String agentId, String name, String email, boolean available, int maxOpen, int openAssigned,
    Instant lastAssignedAt) {
  public static final int MAX_OPEN_LIMIT = 200;

  public Agent {
    Objects.requireNonNull(agentId, "agentId");
  }

  public boolean hasRoom() {
    return available && openAssigned < maxOpen;
  }
}
