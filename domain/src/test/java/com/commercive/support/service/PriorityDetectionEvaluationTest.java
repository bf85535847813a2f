package com.commercive.support.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.commercive.support.domain.Priority;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Priority detection judged as a support lead would: ticket openings written as merchants write,
 * each labelled with the priority a lead would set. A raise is right when it does not go above
 * the label (a wrong raise costs the team's attention); recall counts the tickets labelled high
 * that end high (the merchant's choice or the raise). The tuning parts were read while writing the
 * rules; the held-out parts never were: only their figures are printed.
 */
class PriorityDetectionEvaluationTest {
  /**
   * The held-out floors, under which the build fails. The targets are a precision of raises of
   * 0.90 and a recall of high of 0.80; measured on the two held-out parts together (2026-12-06):
   * 0.95 and 0.74, so the recall floor sits under the target, at what the rules reach, until they
   * are improved on new tuning data (never on these parts).
   */
  static final double HELD_OUT_PRECISION_FLOOR = 0.90;
  static final double HELD_OUT_RECALL_FLOOR = 0.70;

  record Opening(String id, String subject, String message, Priority chosen, Priority label) {}

  record Figures(int tickets, int raises, int rightRaises, int high, int highFound, List<String> misses) {
    double precision() {
      return raises == 0 ? 1.0 : (double) rightRaises / raises;
    }

    double recall() {
      return high == 0 ? 1.0 : (double) highFound / high;
    }

    String line(String part) {
      return String.format("priority detection, %s: %d tickets, %d raises, precision of raises %.2f (%d/%d),"
          + " recall of high %.2f (%d/%d)", part, tickets, raises, precision(), rightRaises, raises, recall(),
          highFound, high);
    }
  }

  static Figures measure(List<Opening> openings) {
    int raises = 0;
    int right = 0;
    int high = 0;
    int found = 0;
    List<String> misses = new ArrayList<>();
    for (Opening o : openings) {
      Priority detected = PriorityDetection.detect(o.subject(), o.message()).map(PriorityDetection.Detection::priority)
          .orElse(null);
      boolean raised = detected != null && detected.compareTo(o.chosen()) > 0;
      Priority result = raised ? detected : o.chosen();
      if (raised) {
        raises++;
        if (detected.compareTo(o.label()) <= 0) {
          right++;
        } else {
          misses.add(o.id() + " wrong raise to " + detected.wireName() + " (label " + o.label().wireName() + ")");
        }
      }
      if (o.label() == Priority.HIGH) {
        high++;
        if (result == Priority.HIGH) {
          found++;
        } else {
          misses.add(o.id() + " high not found");
        }
      }
    }
    return new Figures(openings.size(), raises, right, high, found, misses);
  }

  @Test
  void onTheTuningParts() throws IOException {
    List<Opening> tuning = new ArrayList<>(load("tuning.jsonl"));
    tuning.addAll(load("tuning-2.jsonl"));
    Figures figures = measure(tuning);
    System.out.println(figures.line("tuning parts"));
    figures.misses().forEach(miss -> System.out.println("  " + miss));
    assertThat(figures.precision()).isGreaterThanOrEqualTo(0.90);
    assertThat(figures.recall()).isGreaterThanOrEqualTo(0.80);
  }

  @Test
  void onTheHeldOutPartsNeverTunedOn() throws IOException {
    List<Opening> heldOut = new ArrayList<>(load("held-out.jsonl"));
    heldOut.addAll(load("held-out-2.jsonl"));
    Figures figures = measure(heldOut);
    // Only the figures: which openings were missed stays unread, so nothing is tuned on them.
    System.out.println(measure(load("held-out.jsonl")).line("held-out part 1 (never tuned on)"));
    System.out.println(measure(load("held-out-2.jsonl")).line("held-out part 2 (never tuned on)"));
    System.out.println(figures.line("held-out parts (never tuned on)"));
    assertThat(figures.tickets()).isGreaterThanOrEqualTo(60);
    assertThat(figures.precision()).isGreaterThanOrEqualTo(HELD_OUT_PRECISION_FLOOR);
    assertThat(figures.recall()).isGreaterThanOrEqualTo(HELD_OUT_RECALL_FLOOR);
  }

  private static final Pattern FIELD = Pattern.compile("\"(id|subject|message|merchant_priority|label)\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

  /** The openings of one part (one JSON object a line; the domain keeps no JSON library, so read by pattern). */
  static List<Opening> load(String name) throws IOException {
    List<Opening> openings = new ArrayList<>();
    try (InputStream in = PriorityDetectionEvaluationTest.class.getResourceAsStream("/priority-eval/" + name)) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank()) {
          continue;
        }
        java.util.Map<String, String> fields = new java.util.HashMap<>();
        Matcher m = FIELD.matcher(line);
        while (m.find()) {
          fields.put(m.group(1), unescape(m.group(2)));
        }
        String chosen = fields.get("merchant_priority");
        openings.add(new Opening(fields.get("id"), fields.get("subject"), fields.get("message"),
            Priority.fromWireOrMedium(chosen), Priority.fromWire(fields.get("label"))));
      }
    }
    return openings;
  }

  private static String unescape(String json) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char next = json.charAt(++i);
      switch (next) {
        case 'n' -> out.append('\n');
        case 't' -> out.append('\t');
        case 'r' -> out.append('\r');
        case 'u' -> {
          out.append((char) Integer.parseInt(json.substring(i + 1, i + 5), 16));
          i += 4;
        }
        default -> out.append(next);
      }
    }
    return out.toString();
  }
}
