package com.commercive.support.domain;

import java.util.List;

/** Invalid input; carries every field that failed so a form can show them all at once. */
public final class ValidationException extends SupportException {
  private final List<FieldError> errors;

  public ValidationException(List<FieldError> errors) {
    super(Kind.BAD_REQUEST, summary(errors));
    this.errors = List.copyOf(errors);
  }

  public static ValidationException of(String field, String message) {
    return new ValidationException(List.of(new FieldError(field, message)));
  }

  @Override
  public List<FieldError> errors() {
    return errors;
  }

  private static String summary(List<FieldError> errors) {
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("a validation failure names at least one field");
    }
    FieldError first = errors.get(0);
    String sentence = first.field() + " " + first.message();
    return errors.size() == 1 ? sentence : sentence + " (and " + (errors.size() - 1) + " more)";
  }
}
