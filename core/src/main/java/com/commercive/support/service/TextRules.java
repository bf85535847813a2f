package com.commercive.support.service;

/** Checks on user-supplied text shared by the validators. */
final class TextRules {
  private TextRules() {}

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
