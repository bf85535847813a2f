package com.commercive.support.resources;

/**
 * A schedule in the catalogue: the id the stack declares its rule under, and when it fires, as
 * EventBridge writes it ({@code rate(5 minutes)}, {@code cron(0 6 * * ? *)}).
 */
public record ScheduleEntry(String id, String expression) {
  public ScheduleEntry {
    if (!expression.matches("(rate|cron)\\(.+\\)")) {
      throw new IllegalArgumentException(id + ": a schedule is rate(...) or cron(...), not " + expression);
    }
  }
}
