package com.commercive.support.email;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The checks a received mail passes before anything of it reaches a ticket, in the order they are
 * made; a mail that fails one is dropped with its reason (logged and counted), never answered: an
 * answer to automated or forged mail is backscatter, and an answer to an auto-reply starts a loop.
 */
public final class InboundScreen {
  /** Why a mail was dropped. */
  public enum DropReason {
    /** Sent by a machine: an auto-reply, a bounce, a list or bulk mail, or our own mail come back. */
    AUTOMATED,
    /** The mail service found spam or a virus in it, or its sender's domain refused it (DMARC). */
    FAILED_VERDICT,
    /** Not to one of our reply addresses, or the address was not issued to this sender. */
    NOT_A_REPLY,
    /** Nothing new was written in it (only quotes, or only a signature). */
    EMPTY,
    /** This mail was already taken (same {@code Message-ID}). */
    DUPLICATE,
    /** The sender sent more mail than the limit allows. */
    RATE_LIMITED,
    /** To the support address from someone who is not a known merchant. */
    UNKNOWN_SENDER;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * The mail service's verdicts, as SES names them ({@code PASS}, {@code FAIL}, {@code GRAY},
   * {@code PROCESSING_FAILED}); {@code null} where it gave none.
   */
  public record Verdicts(String spam, String virus, String spf, String dkim, String dmarc) {
    public static final Verdicts ALL_PASS = new Verdicts("PASS", "PASS", "PASS", "PASS", "PASS");
  }

  private static final Set<String> BULK_PRECEDENCE = Set.of("bulk", "list", "junk", "auto_reply");
  private static final Set<String> MAIL_SYSTEM_USERS = Set.of("mailer-daemon", "postmaster", "noreply", "no-reply",
      "do-not-reply", "donotreply", "bounce", "bounces");

  private InboundScreen() {}

  /**
   * Why the mail is to be dropped before its text is read, if it is: automated by its headers
   * (names in lower case) or its sender, an empty return path (bounces), or a failed verdict.
   */
  public static Optional<DropReason> screen(Map<String, List<String>> headers, String from, String returnPath,
      Verdicts verdicts) {
    if (automated(headers, from, returnPath)) {
      return Optional.of(DropReason.AUTOMATED);
    }
    if (failed(verdicts.spam()) || failed(verdicts.virus()) || failed(verdicts.dmarc())) {
      return Optional.of(DropReason.FAILED_VERDICT);
    }
    return Optional.empty();
  }

  static boolean automated(Map<String, List<String>> headers, String from, String returnPath) {
    String autoSubmitted = first(headers, "auto-submitted");
    if (autoSubmitted != null && !autoSubmitted.strip().toLowerCase(Locale.ROOT).startsWith("no")) {
      return true;
    }
    String precedence = first(headers, "precedence");
    if (precedence != null && BULK_PRECEDENCE.contains(precedence.strip().toLowerCase(Locale.ROOT))) {
      return true;
    }
    // (Not X-Auto-Response-Suppress: it asks auto-replies to stay quiet, and Outlook sets it on people's mail too.)
    for (String name : List.of("x-autoreply", "x-autorespond", "list-id", "list-unsubscribe", "x-loop")) {
      if (first(headers, name) != null) {
        return true;
      }
    }
    if (returnPath != null && (returnPath.isBlank() || returnPath.strip().equals("<>"))) {
      return true;
    }
    if (from == null || from.isBlank()) {
      return true;
    }
    String user = from.strip().toLowerCase(Locale.ROOT);
    user = user.substring(0, Math.max(0, user.indexOf('@') < 0 ? user.length() : user.indexOf('@')));
    return MAIL_SYSTEM_USERS.contains(user);
  }

  private static boolean failed(String verdict) {
    return verdict != null && verdict.equalsIgnoreCase("FAIL");
  }

  private static String first(Map<String, List<String>> headers, String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
