package com.commercive.support.assistant.kb;

import static org.assertj.core.api.Assertions.assertThat;

import com.commercive.support.assistant.Answer;
import com.commercive.support.assistant.Question;
import com.commercive.support.assistant.Topic;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How well the knowledge base answers merchants: 66 questions written independently of the
 * articles' wording, and 18 it must hand off. Prints the figures; asserts the targets.
 */
class RetrievalQualityTest {
  static KnowledgeBase knowledgeBase;
  static KnowledgeBaseAssistant assistant;

  record Case(Topic topic, String question) {}

  @BeforeAll
  static void build() {
    knowledgeBase = KnowledgeBase.load();
    assistant = new KnowledgeBaseAssistant(knowledgeBase);
    System.out.printf("knowledge base: %d articles indexed in %d ms%n",
        knowledgeBase.articles().size(), knowledgeBase.buildTime().toMillis());
  }

  static List<String> lines(String resource) throws IOException {
    try (InputStream in = RetrievalQualityTest.class.getResourceAsStream(resource)) {
      List<String> lines = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          lines.add(line.strip());
        }
      }
      return lines;
    }
  }

  static List<Case> inScope() throws IOException {
    List<Case> cases = new ArrayList<>();
    for (String line : lines("/evaluation/in-scope.tsv")) {
      String[] parts = line.split("\t", 2);
      cases.add(new Case(Topic.fromWire(parts[0]).orElseThrow(), parts[1]));
    }
    return cases;
  }

  @Test
  void meetsTheAccuracyTargets() throws IOException {
    List<Case> cases = inScope();
    List<String> outOfScope = lines("/evaluation/out-of-scope.txt");
    assertThat(cases).hasSizeGreaterThanOrEqualTo(60);
    assertThat(outOfScope).hasSizeGreaterThanOrEqualTo(15);

    int rightTopic = 0;
    int falseHandoffs = 0;
    List<String> misses = new ArrayList<>();
    for (Case c : cases) {
      Answer answer = assistant.answer(Question.of(c.question()));
      if (answer.topic() == c.topic()) {
        rightTopic++;
      } else {
        misses.add("topic " + answer.topic().wireName() + " for [" + c.topic().wireName() + "] " + c.question());
      }
      if (answer.handoff()) {
        falseHandoffs++;
        misses.add("handoff (" + answer.confidence() + ") for " + c.question());
      }
    }
    int handedOff = 0;
    for (String question : outOfScope) {
      Answer answer = assistant.answer(Question.of(question));
      if (answer.handoff()) {
        handedOff++;
      } else {
        misses.add("answered (" + answer.confidence() + ", " + answer.sources().get(0).id() + ") " + question);
      }
    }
    double topicAccuracy = (double) rightTopic / cases.size();
    double handoffRate = (double) handedOff / outOfScope.size();
    double falseHandoffRate = (double) falseHandoffs / cases.size();
    System.out.printf(
        "retrieval quality: topic accuracy %.1f%% (%d/%d), out-of-scope handoff %.1f%% (%d/%d),"
            + " false handoffs %.1f%% (%d/%d)%n",
        100 * topicAccuracy, rightTopic, cases.size(), 100 * handoffRate, handedOff,
        outOfScope.size(), 100 * falseHandoffRate, falseHandoffs, cases.size());
    misses.forEach(m -> System.out.println("  miss: " + m));

    assertThat(topicAccuracy).as("topic accuracy").isGreaterThanOrEqualTo(0.90);
    assertThat(handoffRate).as("out-of-scope handoff rate").isGreaterThanOrEqualTo(0.90);
    assertThat(falseHandoffRate).as("false handoff rate").isLessThanOrEqualTo(0.10);
  }
}
