package com.commercive.support.assistant.kb;

import static org.assertj.core.api.Assertions.assertThat;

import com.commercive.support.service.PriorityDetection;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How the urgency model and its threshold were chosen, from the tuning parts alone: trained on two
 * parts, judged on the third, for each part in turn (the held-out parts are never read here). A
 * raise is counted when the model alone would raise an opening the merchant did not file high; it is
 * right when a lead labelled it high. Recall counts the openings labelled high that end high (the
 * merchant's choice or the model's raise), without the rules, to show what the model adds.
 */
class UrgencyModelCrossValidationTest {
  static final Path PARTS = Path.of("../domain/src/test/resources/priority-eval");
  static final List<String> TUNING = List.of("tuning.jsonl", "tuning-2.jsonl", "tuning-3.jsonl", "tuning-4.jsonl");
  static final ObjectMapper JSON = new ObjectMapper();
  static SentenceEmbedder embedder;

  record Opening(String subject, String message, boolean filedHigh, boolean high, float[] vector) {}

  @BeforeAll
  static void loadTheModel() {
    embedder = SentenceEmbedder.load();
  }

  static List<Opening> part(String name) throws IOException {
    List<Opening> openings = new ArrayList<>();
    for (String line : Files.readAllLines(PARTS.resolve(name), StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        JsonNode o = JSON.readTree(line);
        String subject = o.path("subject").asText();
        String message = o.path("message").asText();
        openings.add(new Opening(subject, message, o.path("merchant_priority").asText().equals("high"),
            o.path("label").asText().equals("high"), embedder.embed(UrgencyModel.text(subject, message))));
      }
    }
    return openings;
  }

  record Figures(int raises, int right, int high, int found) {
    double precision() {
      return raises == 0 ? 1 : (double) right / raises;
    }

    double recall() {
      return (double) found / high;
    }
  }

  @Test
  void theThresholdIsChosenOnTheTuningPartsAlone() throws IOException {
    List<List<Opening>> parts = new ArrayList<>();
    for (String name : TUNING) {
      parts.add(part(name));
    }
    double[] thresholds = {0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8};
    Figures chosen = null;
    {
      for (double threshold : thresholds) {
        int raises = 0;
        int right = 0;
        int high = 0;
        int found = 0;
        for (int judged = 0; judged < parts.size(); judged++) {
          List<UrgencyModel.Example> training = new ArrayList<>();
          for (int other = 0; other < parts.size(); other++) {
            if (other != judged) {
              parts.get(other).forEach(o -> training.add(new UrgencyModel.Example(o.vector(), o.high())));
            }
          }
          UrgencyModel model = UrgencyModel.train(embedder, training);
          for (Opening o : parts.get(judged)) {
            boolean raise = !o.filedHigh() && model.probability(o.vector()) >= threshold;
            raises += raise ? 1 : 0;
            right += raise && o.high() ? 1 : 0;
            high += o.high() ? 1 : 0;
            found += o.high() && (o.filedHigh() || raise) ? 1 : 0;
          }
        }
        Figures figures = new Figures(raises, right, high, found);
        System.out.printf("urgency model, cross-validated on the tuning parts, raise at %.2f: %d raises,"
                + " precision %.3f (%d/%d), recall of high without the rules %.3f (%d/%d)%n", threshold, raises,
            figures.precision(), right, raises, figures.recall(), found, high);
        if (threshold == PriorityDetection.URGENCY_RAISE_AT) {
          chosen = figures;
        }
      }
    }
    assertThat(chosen).as("the threshold in use is among those judged").isNotNull();
    assertThat(chosen.precision()).as("the chosen threshold keeps raises precise").isGreaterThanOrEqualTo(0.93);
  }
}
