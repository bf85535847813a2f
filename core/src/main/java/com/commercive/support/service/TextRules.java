package com.commercive.support.service;

import com.commercive.support.domain.FieldError;
import java.util.List;

/** Checks on user-supplied text shared by the validators. */
final class TextRules {
  private TextRules() {}

  /** A message body: not blank, at most {@code max} characters, valid text that may span lines. */
  static void checkMessage(String field, String message, int max, List<FieldError> errors) {
    if (message.isBlank()) {
      errors.add(new FieldError(field, "must not be empty"));
      return;
    }
    if (length(message) > max) {
      errors.add(new FieldError(field, "must be at most " + max + " characters"));
    }
    checkText(field, message, true, errors);
  }

  static void checkText(String field, String text, boolean multiline, List<FieldError> errors) {
    if (hasLoneSurrogate(text)) {
      errors.add(new FieldError(field, "must be valid Unicode text"));
    } else if (hasControlCharacter(text, multiline)) {
      errors.add(new FieldError(field, "must not contain control characters"));
    }
  }

  static int length(String text) {
    return text.codePointCount(0, text.length());
  }

  /** True when the string holds a surrogate that is not half of a valid pair. */
  static boolean hasLoneSurrogate(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
        } else {
          return true;
        }
      } else if (Character.isLowSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  /**
   * True for control characters that have no place in text: every C0/C1 control except, when
   * {@code multiline}, tab, line feed and carriage return.
   */
  static boolean hasControlCharacter(String text, boolean multiline) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (multiline && (c == '\n' || c == '\r' || c == '\t')) {
        continue;
      }
      if (Character.getType(c) == Character.CONTROL) {
        return true;
      }
    }
    return false;
  }
}
