package com.commercive.support.service;

import com.commercive.support.domain.FieldError;
import com.commercive.support.domain.ValidationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** What a ticket's subject and a message may hold, checked the same way by every use case. */
public final class MessageRules {
  public static final int SUBJECT_MIN = 5;
  public static final int SUBJECT_MAX = 200;
  public static final int MESSAGE_MAX = 10_000;
  public static final int ATTACHMENT_URL_MAX = 2_048;
  public static final int MAX_ATTACHMENTS = 10;

  /** The shape of the ids this service hands out (tickets, attachments). */
  static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

  private MessageRules() {}

  static boolean isId(String id) {
    return id != null && ID.matcher(id).matches();
  }

  static void checkSubject(String subject, List<FieldError> errors) {
    if (subject == null || subject.isEmpty()) {
      errors.add(new FieldError("subject", "is required"));
      return;
    }
    TextRules.checkTitle("subject", subject, errors);
    int length = TextRules.length(subject);
    if (length < SUBJECT_MIN) {
      errors.add(new FieldError("subject", "must be at least " + SUBJECT_MIN + " characters"));
    } else if (length > SUBJECT_MAX) {
      errors.add(new FieldError("subject", "must be at most " + SUBJECT_MAX + " characters"));
    }
  }

  static void checkMessage(String message, List<FieldError> errors) {
    TextRules.checkMessage("message", message, MESSAGE_MAX, errors);
  }

  static void checkAttachmentIds(List<String> attachmentIds, List<FieldError> errors) {
    if (attachmentIds == null) {
      return;
    }
    if (attachmentIds.isEmpty() || attachmentIds.size() > MAX_ATTACHMENTS) {
      errors.add(new FieldError("attachment_ids", "must list 1 to " + MAX_ATTACHMENTS + " attachments"));
    } else if (new LinkedHashSet<>(attachmentIds).size() != attachmentIds.size()) {
      errors.add(new FieldError("attachment_ids", "must not list an attachment twice"));
    } else if (attachmentIds.stream().anyMatch(id -> !isId(id))) {
      errors.add(new FieldError("attachment_ids", "must be attachment ids (strings)"));
    }
  }

  /** An https URL, under one of {@code allowedPrefixes} when there are any. */
  static void checkAttachmentUrl(String url, List<String> allowedPrefixes, List<FieldError> errors) {
    String field = "attachment_url";
    if (url.length() > ATTACHMENT_URL_MAX) {
      errors.add(new FieldError(field, "must be at most " + ATTACHMENT_URL_MAX + " characters"));
      return;
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      errors.add(new FieldError(field, "must be a valid https URL"));
      return;
    }
    if (uri.getScheme() == null
        || !uri.getScheme().toLowerCase(Locale.ROOT).equals("https")
        || uri.getHost() == null
        || uri.getRawUserInfo() != null) {
      errors.add(new FieldError(field, "must be a valid https URL"));
      return;
    }
    if (!allowedPrefixes.isEmpty() && allowedPrefixes.stream().noneMatch(url::startsWith)) {
      errors.add(new FieldError(field, "must point to an allowed attachment location"));
    }
  }

  static void throwIfAny(List<FieldError> errors) {
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
  }
}
