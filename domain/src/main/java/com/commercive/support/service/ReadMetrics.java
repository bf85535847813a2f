package com.commercive.support.service;

import com.commercive.support.domain.Caller;
import com.commercive.support.domain.FieldError;
import com.commercive.support.domain.ForbiddenException;
import com.commercive.support.metrics.MetricsReport;
import com.commercive.support.store.MetricsStore;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The support team's metrics over a range of UTC days, from the per-day counters: its cost grows
 * with the number of days (one read of at most {@value #MAX_DAYS} items), never with the tickets.
 */
public final class ReadMetrics {
  public static final int MAX_DAYS = 92;
  private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

  private final MetricsStore store;

  public ReadMetrics(MetricsStore store) {
    this.store = store;
  }

  /**
   * @throws ForbiddenException the caller is not on the support team
   * @throws com.commercive.support.domain.ValidationException dates missing, malformed, reversed or
   *     more than {@value #MAX_DAYS} days apart
   */
  public MetricsReport report(Caller caller, String from, String to) {
    if (!caller.admin()) {
      throw new ForbiddenException("only the support team reads the metrics");
    }
    List<FieldError> errors = new ArrayList<>();
    LocalDate first = date("from", from, errors);
    LocalDate last = date("to", to, errors);
    if (first != null && last != null) {
      if (last.isBefore(first)) {
        errors.add(new FieldError("to", "must not be before from"));
      } else if (ChronoUnit.DAYS.between(first, last) + 1 > MAX_DAYS) {
        errors.add(new FieldError("to", "a range is at most " + MAX_DAYS + " days"));
      }
    }
    MessageRules.throwIfAny(errors);
    return MetricsReport.of(first, last, store.days(first, last));
  }

  private static LocalDate date(String field, String value, List<FieldError> errors) {
    if (value == null || value.isBlank()) {
      errors.add(new FieldError(field, "is required: a UTC date, YYYY-MM-DD"));
      return null;
    }
    try {
      if (DATE.matcher(value).matches()) {
        return LocalDate.parse(value);
      }
    } catch (DateTimeParseException notADay) {
      // Reported below, as any other malformed date.
    }
    errors.add(new FieldError(field, "must be a UTC date, YYYY-MM-DD"));
    return null;
  }
}
