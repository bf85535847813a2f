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
    if (!hasVisibleCharacter(message)) {
      errors.add(new FieldError(field, "must contain at least one visible character"));
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
    } else if (!hasVisibleCharacter(text)) {
      errors.add(new FieldError(field, "must contain at least one visible character"));
    }
  }

  /**
   * A one-line title (a ticket's subject, which becomes an email subject): also no characters
   * that reorder the text around them, so "Refund \u202Egnp.exe\u202C" cannot read "exe.png".
   */
  static void checkTitle(String field, String text, List<FieldError> errors) {
    int before = errors.size();
    checkText(field, text, false, errors);
    if (errors.size() == before && hasDirectionalControl(text)) {
      errors.add(new FieldError(field, "must not contain text-direction control characters"));
    }
  }

  /** U+202A–U+202E (embeddings, overrides) and U+2066–U+2069 (isolates). */
  static boolean hasDirectionalControl(String text) {
    return text.chars().anyMatch(TextRules::isDirectionalControl);
  }

  static boolean isDirectionalControl(int c) {
    return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
  }

  /**
   * True when some character would show: not a space of any kind (no-break spaces included), not
   * a format character (zero-width spaces and joiners, direction marks), not a combining mark on
   * nothing, and not one of the letters that render as blanks (Hangul fillers, the blank Braille
   * pattern).
   */
  static boolean hasVisibleCharacter(String text) {
    return text.codePoints().anyMatch(TextRules::isVisible);
  }

  private static boolean isVisible(int codePoint) {
    if (Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint)) {
      return false;
    }
    switch (codePoint) {
      case 0x115F, 0x1160, 0x3164, 0xFFA0, 0x2800, 0x180E -> {
        return false;
      }
      default -> {
        int type = Character.getType(codePoint);
        return type != Character.FORMAT && type != Character.CONTROL && type != Character.NON_SPACING_MARK
            && type != Character.ENCLOSING_MARK && type != Character.UNASSIGNED;
      }
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
