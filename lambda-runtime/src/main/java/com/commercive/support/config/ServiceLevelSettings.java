package com.commercive.support.config;

import static com.commercive.support.resources.EnvironmentVariables.AUTO_CLOSE_AFTER;
import static com.commercive.support.resources.EnvironmentVariables.SLA_FIRST_RESPONSE_MINUTES;
import static com.commercive.support.resources.EnvironmentVariables.SLA_RESOLUTION_HOURS;
import static com.commercive.support.resources.EnvironmentVariables.SWEEP_INTERVAL_SECONDS;

import com.commercive.support.domain.Priority;
import com.commercive.support.domain.ServiceLevels;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Map;

/**
 * Service levels: {@code SLA_FIRST_RESPONSE_MINUTES} (default {@code high:60,medium:240,low:1440},
 * also the next reply's target), {@code SLA_RESOLUTION_HOURS} ({@code high:24,medium:72,low:168})
 * and {@code AUTO_CLOSE_AFTER} (an ISO-8601 duration, default {@code P7D}). Every priority must
 * be named. {@code SWEEP_INTERVAL_SECONDS} (default 60) is how often the local runner fires the
 * sweep; on AWS its schedule fires it every minute.
 */
public record ServiceLevelSettings(ServiceLevels levels, Duration sweepInterval) {

  public static ServiceLevelSettings from(Environment env) {
    ServiceLevels defaults = ServiceLevels.DEFAULT;
    Map<Priority, Duration> first = env.value(SLA_FIRST_RESPONSE_MINUTES)
        .map(v -> targets(SLA_FIRST_RESPONSE_MINUTES, v, ChronoUnit.MINUTES)).orElse(defaults.firstResponse());
    Map<Priority, Duration> resolution = env.value(SLA_RESOLUTION_HOURS)
        .map(v -> targets(SLA_RESOLUTION_HOURS, v, ChronoUnit.HOURS)).orElse(defaults.resolution());
    Duration autoClose = env.value(AUTO_CLOSE_AFTER).map(ServiceLevelSettings::duration)
        .orElse(defaults.autoCloseAfter());
    return new ServiceLevelSettings(new ServiceLevels(first, resolution, autoClose),
        Duration.ofSeconds(env.integer(SWEEP_INTERVAL_SECONDS, 60, 1, 3600)));
  }

  /** {@code high:60,medium:240,low:1440}: each priority once, each a positive whole number of {@code unit}. */
  static Map<Priority, Duration> targets(String name, String value, ChronoUnit unit) {
    Map<Priority, Duration> targets = new EnumMap<>(Priority.class);
    for (String pair : value.split(",")) {
      String[] parts = pair.strip().split(":", -1);
      Priority priority = parts.length == 2 ? Priority.fromWireExactly(parts[0].strip()).orElse(null) : null;
      long amount;
      try {
        amount = parts.length == 2 ? Long.parseLong(parts[1].strip()) : -1;
      } catch (NumberFormatException notANumber) {
        amount = -1;
      }
      if (priority == null || amount < 1 || targets.put(priority, Duration.of(amount, unit)) != null) {
        throw new IllegalArgumentException(name + " must be like high:60,medium:240,low:1440 (each priority once,"
            + " whole " + unit.toString().toLowerCase(java.util.Locale.ROOT) + " of at least 1)");
      }
    }
    if (targets.size() != Priority.values().length) {
      throw new IllegalArgumentException(name + " must name high, medium and low");
    }
    return targets;
  }

  static Duration duration(String value) {
    try {
      Duration duration = Duration.parse(value.strip());
      if (duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException(AUTO_CLOSE_AFTER + " must be a positive ISO-8601 duration, e.g. P7D");
      }
      return duration;
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(AUTO_CLOSE_AFTER + " must be an ISO-8601 duration such as P7D or PT40S", e);
    }
  }
}
