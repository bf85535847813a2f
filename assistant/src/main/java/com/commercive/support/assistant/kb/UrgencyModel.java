package com.commercive.support.assistant.kb;

import com.commercive.support.service.UrgencyClassifier;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a ticket's opening reads like the ones a support lead sets high: logistic regression over
 * the opening's sentence vector (the assistant's embedding model), so an emergency told in words no
 * rule lists ("sold 11k, received 0") still reads as one. Trained by the build
 * ({@code UrgencyModel <output> <training parts…>}) on the tuning parts of the priority evaluation
 * only, never on its held-out parts, and shipped in the jar ({@code knowledge-base/urgency.bin}).
 */
public final class UrgencyModel implements UrgencyClassifier {
  static final String RESOURCE = ArticleLoader.FOLDER + "urgency.bin";
  private static final int FORMAT = 1;
  /** Plain batch gradient descent: deterministic, so the same parts always give the same model. */
  private static final int EPOCHS = 400;
  private static final double LEARNING_RATE = 1.0;
  /** Chosen with the threshold by cross-validation over the tuning parts (docs/service-quality.md). */
  private static final double L2 = 0.0001;

  private final SentenceEmbedder embedder;
  private final double[] weights;
  private final double bias;

  UrgencyModel(SentenceEmbedder embedder, double[] weights, double bias) {
    this.embedder = embedder;
    this.weights = weights;
    this.bias = bias;
  }

  /** The model shipped in the jar, reading with the knowledge base's embedder (one model in memory). */
  public static UrgencyModel load(KnowledgeBase knowledgeBase) {
    return load(knowledgeBase.embedder());
  }

  static UrgencyModel load(SentenceEmbedder embedder) {
    try (InputStream resource = UrgencyModel.class.getResourceAsStream(RESOURCE)) {
      if (resource == null) {
        throw new IllegalStateException(RESOURCE + " is missing: the build's train-urgency-model step writes it");
      }
      DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(resource));
      if (in.readInt() != FORMAT || !in.readUTF().equals(SentenceEmbedder.MODEL)) {
        throw new IllegalStateException(RESOURCE + " was trained for another embedding model: rebuild");
      }
      double[] weights = new double[in.readInt()];
      for (int i = 0; i < weights.length; i++) {
        weights[i] = in.readDouble();
      }
      return new UrgencyModel(embedder, weights, in.readDouble());
    } catch (IOException e) {
      throw new UncheckedIOException("the urgency model could not be read", e);
    }
  }

  @Override
  public double probabilityHigh(String subject, String message) {
    return probability(embedder.embed(text(subject, message)));
  }

  double probability(float[] vector) {
    double z = bias;
    for (int i = 0; i < weights.length; i++) {
      z += weights[i] * vector[i];
    }
    return 1 / (1 + Math.exp(-z));
  }

  static String text(String subject, String message) {
    return (subject == null ? "" : subject) + ". " + (message == null ? "" : message);
  }

  /** One labelled opening: its vector and whether a lead set it high. */
  record Example(float[] vector, boolean high) {}

  /** Fits the weights to {@code examples} (L2-regularised logistic regression). */
  static UrgencyModel train(SentenceEmbedder embedder, List<Example> examples) {
    int dimensions = examples.get(0).vector().length;
    double[] w = new double[dimensions];
    double b = 0;
    for (int epoch = 0; epoch < EPOCHS; epoch++) {
      double[] gradient = new double[dimensions];
      double biasGradient = 0;
      for (Example example : examples) {
        double z = b;
        for (int i = 0; i < dimensions; i++) {
          z += w[i] * example.vector()[i];
        }
        double error = 1 / (1 + Math.exp(-z)) - (example.high() ? 1 : 0);
        for (int i = 0; i < dimensions; i++) {
          gradient[i] += error * example.vector()[i];
        }
        biasGradient += error;
      }
      for (int i = 0; i < dimensions; i++) {
        w[i] -= LEARNING_RATE * (gradient[i] / examples.size() + L2 * w[i]);
      }
      b -= LEARNING_RATE * biasGradient / examples.size();
    }
    return new UrgencyModel(embedder, w, b);
  }

  void write(OutputStream target) throws IOException {
    DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(target));
    out.writeInt(FORMAT);
    out.writeUTF(SentenceEmbedder.MODEL);
    out.writeInt(weights.length);
    for (double w : weights) {
      out.writeDouble(w);
    }
    out.writeDouble(bias);
    out.flush();
  }

  /** The openings of evaluation parts (one JSON object a line: subject, message, label). */
  static List<Example> examples(List<Path> parts, SentenceEmbedder embedder) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<Example> examples = new ArrayList<>();
    for (Path part : parts) {
      for (String line : Files.readAllLines(part, StandardCharsets.UTF_8)) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode opening = json.readTree(line);
        examples.add(new Example(embedder.embed(text(opening.path("subject").asText(), opening.path("message").asText())),
            opening.path("label").asText().equals("high")));
      }
    }
    return examples;
  }

  /** The build's step: {@code UrgencyModel <output file> <training part>…}. */
  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      throw new IllegalArgumentException("usage: UrgencyModel <output file> <training part>...");
    }
    List<Path> parts = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      if (Path.of(args[i]).getFileName().toString().startsWith("held-out")) {
        throw new IllegalArgumentException("never train on a held-out part: " + args[i]);
      }
      parts.add(Path.of(args[i]));
    }
    SentenceEmbedder embedder = SentenceEmbedder.load();
    List<Example> examples = examples(parts, embedder);
    UrgencyModel model = train(embedder, examples);
    Path output = Path.of(args[0]);
    Files.createDirectories(output.toAbsolutePath().getParent());
    try (OutputStream out = Files.newOutputStream(output)) {
      model.write(out);
    }
    System.out.printf("urgency model trained on %d openings (%d high), written to %s%n", examples.size(),
        examples.stream().filter(Example::high).count(), output);
  }
}
