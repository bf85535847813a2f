package com.commercive.support.testkit;

import com.commercive.support.domain.Priority;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Priority detection judged as a support lead would: ticket openings written as merchants write,
 * each labelled with the priority a lead would set ({@code priority-eval/*.jsonl}). A raise is
 * right when it does not go above the label (a wrong raise costs the team's attention); recall
 * counts the tickets labelled high that end high (the merchant's choice or the raise). The
 * {@code tuning} parts were read while writing the rules; the {@code held-out} parts never were.
 */
public final class PriorityEvaluation {
  public static final List<String> TUNING_PARTS = List.of("tuning.jsonl", "tuning-2.jsonl", "tuning-3.jsonl", "tuning-4.jsonl");
  public static final List<String> HELD_OUT_PARTS = List.of("held-out.jsonl", "held-out-2.jsonl", "held-out-3.jsonl", "held-out-4.jsonl",
      "held-out-5.jsonl");

  private PriorityEvaluation() {}

  /** One ticket opening: what the merchant wrote and chose, and what a lead would set. */
  public record Opening(String id, String subject, String message, Priority chosen, Priority label) {}

  /** The figures of one measurement, with the ids missed (to print only for the tuning parts). */
  public record Figures(int tickets, int raises, int rightRaises, int high, int highFound, List<String> misses) {
    public double precision() {
      return raises == 0 ? 1.0 : (double) rightRaises / raises;
    }

    public double recall() {
      return high == 0 ? 1.0 : (double) highFound / high;
    }

    public String line(String part) {
      return String.format("priority detection, %s: %d tickets, %d raises, precision of raises %.3f (%d/%d),"
          + " recall of high %.3f (%d/%d)", part, tickets, raises, precision(), rightRaises, raises, recall(),
          highFound, high);
    }
  }

  /** Measures {@code detector} (the priority it asks for, empty when none) on {@code openings}. */
  public static Figures measure(List<Opening> openings, Function<Opening, Optional<Priority>> detector) {
    int raises = 0;
    int right = 0;
    int high = 0;
    int found = 0;
    List<String> misses = new ArrayList<>();
    for (Opening o : openings) {
      Priority detected = detector.apply(o).orElse(null);
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

  /** The openings of the named parts, in order. */
  public static List<Opening> load(List<String> parts) {
    List<Opening> openings = new ArrayList<>();
    parts.forEach(part -> openings.addAll(load(part)));
    return openings;
  }

  private static final Pattern FIELD =
      Pattern.compile("\"(id|subject|message|merchant_priority|label)\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

  /** The openings of one part (one JSON object a line; the domain keeps no JSON library, so read by pattern). */
  public static List<Opening> load(String part) {
    List<Opening> openings = new ArrayList<>();
    try (InputStream in = PriorityEvaluation.class.getResourceAsStream("/priority-eval/" + part)) {
      if (in == null) {
        throw new IllegalArgumentException("no evaluation part " + part);
      }
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank()) {
          continue;
        }
        Map<String, String> fields = new HashMap<>();
        Matcher m = FIELD.matcher(line);
        while (m.find()) {
          fields.put(m.group(1), unescape(m.group(2)));
        }
        openings.add(new Opening(fields.get("id"), fields.get("subject"), fields.get("message"),
            Priority.fromWireOrMedium(fields.get("merchant_priority")), Priority.fromWire(fields.get("label"))));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
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
