package com.commercive.support.email;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a person newly wrote in a reply, from the reply's text: the quoted history (the
 * "On … wrote:" line and its {@code >} lines, Outlook's From/Sent/To/Subject block, the
 * "Original Message" and "Forwarded message" separators, in English, German, French and Spanish)
 * and the signature (after a {@code -- } line, and "Sent from my iPhone"-style lines at the end)
 * removed. Lines the person wrote between or after quoted lines (inline answers, bottom posting)
 * are kept, in order. At most {@link #MAX_CHARS} characters.
 */
public final class ReplyText {
  public static final int MAX_CHARS = 10_000;

  private static final int ANY_CASE = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
  /** "wrote" in the languages of the corpora, as a whole word. */
  private static final String VERB_OF_WRITING = "(?<![\\p{L}])(?:wrote|schrieb|a écrit|escribió|escreveu|schreef"
      + "|geschreven|ha scritto|napsal|napsala|napsal\\(a\\)|napisał|napisała|napisał\\(a\\)|pisze|skrev|kirjoitti"
      + "|yazdı|написал|написала)(?![\\p{L}])";
  /**
   * "On Mon, 1 Dec 2026 at 10:02, Commercive Support <…> wrote:" and its translations, where the
   * verb may come before the name ("Am … schrieb Commercive Support <…>:").
   */
  private static final Pattern WROTE = Pattern.compile("^.{0,300}?" + VERB_OF_WRITING + "[^:]{0,200}:\\s*$", ANY_CASE);
  /** An attribution without a verb: a date and an address, then a colon ("2026-12-01 10:02 GMT+01:00 Support <…>:"). */
  private static final Pattern DATED_ADDRESS = Pattern.compile("^.{0,300}\\d.{0,300}<?[^<>\\s]+@[^<>\\s]+>?\\s*:\\s*$");
  /** Zoho's "---- On Tue, 01 Dec 2026 … wrote ----". */
  private static final Pattern DASHED_WROTE = Pattern.compile("^-{2,}.{0,300}" + VERB_OF_WRITING + ".{0,100}-{2,}\\s*$",
      ANY_CASE);
  /** A line of a header block: From / Sent / Date / To / Cc / Subject, and their translations. */
  private static final Pattern BLOCK_FROM = Pattern.compile(
      "^\\*?(?:from|von|de|van|da|od|från|fra|lähettäjä|kimden)\\s?:\\*?\\s*\\S.*",
      ANY_CASE);
  private static final Pattern BLOCK_WHEN = Pattern.compile(
      "^\\*?(?:sent|date|gesendet|datum|envoyé|enviado|fecha|verzonden|inviato|data|odesláno|wysłano|skickat|sendt"
          + "|lähetetty|gönderildi|tarih)\\s?:\\*?\\s*\\S.*",
      ANY_CASE);
  private static final Pattern BLOCK_SUBJECT = Pattern.compile(
      "^\\*?(?:subject|betreff|objet|asunto|onderwerp|oggetto|předmět|temat|ämne|emne|assunto|aihe|konu)\\s?:\\*?.*",
      ANY_CASE);
  /** "-----Original Message-----", "---------- Forwarded message ---------" and their translations. */
  private static final Pattern SEPARATOR = Pattern.compile(
      "^-{2,}\\s*(?:original message|ursprüngliche nachricht|message d'origine|mensaje original|oorspronkelijk bericht"
          + "|messaggio originale|mail original|forwarded message|weitergeleitete nachricht|message transféré|mensaje reenviado"
          + "|begin forwarded message)\\s*-{0,}\\s*$|^begin forwarded message:\\s*$",
      ANY_CASE);
  /** Outlook's rule above its header block. */
  private static final Pattern RULE = Pattern.compile("^_{10,}\\s*$");
  /** "Sent from my iPhone" and the like, at the end of what was written. */
  private static final Pattern SENT_FROM = Pattern.compile(
      "^(?:sent from|sent with|sent via|get outlook for|envoyé de|envoyé depuis|envoyé avec|von meinem .{1,40} gesendet"
          + "|gesendet von|gesendet mit|enviado desde|enviado con|verzonden vanaf|inviato da)\\b.{0,80}$"
          + "|^(?:sendt|skickat|enviado|verstuurd|odesláno|wysłane|lähetetty|gönderildi)\\b.{0,60}"
          + "(?:iphon|ipad|android|samsung|galax|outlook|mobil|telefon|smartphon|gmail|yahoo)\\S{0,5}(?:\\s.{0,30})?$",
      ANY_CASE);

  private ReplyText() {}

  /** The new text of {@code reply} (empty when nothing new is left). */
  public static String newText(String reply) {
    List<String> lines = lines(reply);
    int cut = firstQuoteHeader(lines);
    List<String> kept = new ArrayList<>(lines.subList(0, cut < 0 ? lines.size() : cut));
    List<String> rest = cut < 0 ? List.of() : lines.subList(cut + wroteLength(lines, cut), lines.size());
    if (cut >= 0 && attribution(lines, cut) && rest.stream().anyMatch(ReplyText::quoted)) {
      // After "On … wrote:" with the history quoted by ">", lines not quoted are the person's
      // (inline answers, bottom posting). A client that quotes without ">" leaves only history.
      int restCut = firstQuoteHeader(rest);
      for (String line : rest.subList(0, restCut < 0 ? rest.size() : restCut)) {
        if (!quoted(line)) {
          kept.add(line);
        } else if (!kept.isEmpty() && !kept.get(kept.size() - 1).isEmpty()) {
          kept.add(""); // where a quote was, a paragraph break
        }
      }
    }
    List<String> own = new ArrayList<>();
    for (String line : kept) {
      if (line.equals("--") || line.equals("-- ")) {
        break; // the signature starts
      }
      if (!quoted(line)) {
        own.add(line);
      }
    }
    trimBlank(own);
    while (!own.isEmpty() && SENT_FROM.matcher(own.get(own.size() - 1).strip()).matches()) {
      own.remove(own.size() - 1);
      trimBlank(own);
    }
    String text = String.join("\n", collapseBlankRuns(own));
    return text.length() <= MAX_CHARS ? text : text.substring(0, MAX_CHARS);
  }

  private static List<String> lines(String text) {
    String normal = text.replace("\r\n", "\n").replace('\r', '\n').replace('\u00a0', ' ');
    List<String> lines = new ArrayList<>();
    for (String line : normal.split("\n", -1)) {
      // "-- " keeps its space: it is the signature's mark.
      lines.add(line.equals("-- ") ? line : line.stripTrailing());
    }
    return lines;
  }

  private static boolean quoted(String line) {
    return line.startsWith(">");
  }

  /** Where the quoted history starts: the first header or separator line; -1 when there is none. */
  private static int firstQuoteHeader(List<String> lines) {
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (quoted(line)) {
        continue;
      }
      if (SEPARATOR.matcher(line).matches() || DASHED_WROTE.matcher(line).matches() || attribution(lines, i)) {
        return i;
      }
      if (RULE.matcher(line).matches() && headerBlockAt(lines, i + 1, 3)) {
        return i;
      }
      if ((BLOCK_FROM.matcher(line).matches() || BLOCK_WHEN.matcher(line).matches()) && headerBlockAt(lines, i, 1)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * A header block within {@code reach} lines of {@code start}: a From or date line, and within the
   * seven lines from it a From, a date and a subject line (Outlook starts with From, GMX with the date).
   */
  private static boolean headerBlockAt(List<String> lines, int start, int reach) {
    for (int first = start; first < Math.min(lines.size(), start + reach); first++) {
      String opening = lines.get(first).strip();
      if (!BLOCK_FROM.matcher(opening).matches() && !BLOCK_WHEN.matcher(opening).matches()) {
        continue;
      }
      boolean from = false;
      boolean when = false;
      boolean subject = false;
      for (int i = first; i < Math.min(lines.size(), first + 7); i++) {
        String line = lines.get(i).strip();
        from |= BLOCK_FROM.matcher(line).matches();
        when |= BLOCK_WHEN.matcher(line).matches();
        subject |= BLOCK_SUBJECT.matcher(line).matches();
      }
      if (from && when && subject) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether line {@code i} (joined with the next when a client wrapped it) introduces quoted history:
   * a verb of writing before its colon, or a date and an address before it when quoted lines follow.
   */
  private static boolean attribution(List<String> lines, int i) {
    String joined = joinedWrote(lines, i);
    if (WROTE.matcher(joined).matches()) {
      return true;
    }
    if (DATED_ADDRESS.matcher(joined).matches()) {
      for (int next = i + wroteLength(lines, i); next < lines.size(); next++) {
        if (!lines.get(next).isBlank()) {
          return quoted(lines.get(next));
        }
      }
    }
    return false;
  }

  /** The "On … wrote:" line at {@code i}, joined with the next when a mail client wrapped it. */
  private static String joinedWrote(List<String> lines, int i) {
    String line = lines.get(i).strip();
    if (i + 1 < lines.size() && !line.endsWith(":") && !lines.get(i + 1).isBlank() && !quoted(lines.get(i + 1))) {
      String joined = line + (line.endsWith("<") ? "" : " ") + lines.get(i + 1).strip();
      if (WROTE.matcher(joined).matches() || DATED_ADDRESS.matcher(joined).matches()) {
        return joined;
      }
    }
    return line;
  }

  private static int wroteLength(List<String> lines, int i) {
    String line = lines.get(i).strip();
    return WROTE.matcher(line).matches() || DATED_ADDRESS.matcher(line).matches() ? 1 : 2;
  }

  private static void trimBlank(List<String> lines) {
    while (!lines.isEmpty() && lines.get(0).isBlank()) {
      lines.remove(0);
    }
    while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
      lines.remove(lines.size() - 1);
    }
  }

  /** At most one blank line in a row (a removed quote or signature leaves gaps). */
  private static List<String> collapseBlankRuns(List<String> lines) {
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      if (line.isBlank() && !out.isEmpty() && out.get(out.size() - 1).isBlank()) {
        continue;
      }
      out.add(line.isBlank() ? "" : line);
    }
    return out;
  }
}
