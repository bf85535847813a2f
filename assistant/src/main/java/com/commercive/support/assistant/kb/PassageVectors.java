package com.commercive.support.assistant.kb;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The help centre's texts as vectors, computed once by the build ({@link #main}) and shipped as a
 * resource, so a cold start embeds only the question. The file names the model and a fingerprint
 * of every text in order: a file that does not match the articles it is loaded with is ignored
 * and the vectors are computed at start instead (an article edited without a rebuild still works).
 */
public final class PassageVectors {
  static final String RESOURCE = ArticleLoader.FOLDER + "vectors.bin";
  private static final int FORMAT = 1;
  private static final Logger LOG = LoggerFactory.getLogger(PassageVectors.class);

  private PassageVectors() {}

  /** Vectors for the texts, from the shipped file when it matches, else from the embedder. */
  static float[][] forTexts(List<String> texts, SentenceEmbedder embedder) {
    Optional<float[][]> shipped = shipped(texts);
    if (shipped.isPresent()) {
      return shipped.get();
    }
    LOG.atWarn().addKeyValue("texts", texts.size())
        .log("no matching precomputed vectors for the help centre: computing them at start");
    return embed(texts, embedder);
  }

  static float[][] embed(List<String> texts, SentenceEmbedder embedder) {
    float[][] vectors = new float[texts.size()][];
    for (int i = 0; i < vectors.length; i++) {
      vectors[i] = embedder.embed(texts.get(i));
    }
    return vectors;
  }

  static String fingerprint(List<String> texts) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(SentenceEmbedder.MODEL.getBytes(StandardCharsets.UTF_8));
      for (String text : texts) {
        digest.update((byte) 0);
        digest.update(text.getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }

  /** The shipped vectors, when the shipped file was computed from exactly these texts. */
  static Optional<float[][]> shipped(List<String> texts) {
    try (InputStream resource = PassageVectors.class.getResourceAsStream(RESOURCE)) {
      return resource == null ? Optional.empty() : read(resource, fingerprint(texts), texts.size());
    } catch (IOException e) {
      throw new UncheckedIOException("the precomputed vectors could not be read", e);
    }
  }

  static Optional<float[][]> read(InputStream source, String fingerprint, int count) throws IOException {
    DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(source));
    try {
      if (in.readInt() != FORMAT || !in.readUTF().equals(fingerprint) || in.readInt() != count) {
        return Optional.empty();
      }
      float[][] vectors = new float[count][];
      for (int i = 0; i < count; i++) {
        vectors[i] = new float[in.readInt()];
        for (int j = 0; j < vectors[i].length; j++) {
          vectors[i][j] = in.readFloat();
        }
      }
      return Optional.of(vectors);
    } catch (java.io.EOFException | java.io.UTFDataFormatException e) {
      return Optional.empty(); // a truncated or foreign file: computed at start instead
    }
  }

  static void write(List<String> texts, float[][] vectors, OutputStream target) throws IOException {
    DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(target));
    out.writeInt(FORMAT);
    out.writeUTF(fingerprint(texts));
    out.writeInt(vectors.length);
    for (float[] vector : vectors) {
      out.writeInt(vector.length);
      for (float v : vector) {
        out.writeFloat(v);
      }
    }
    out.flush();
  }

  /** The build's step: {@code PassageVectors <output file>} embeds the shipped articles. */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: PassageVectors <output file>");
    }
    List<String> texts = textsToEmbed(ArticleLoader.loadAll(), ArticleLoader.loadNotCovered());
    float[][] vectors = embed(texts, SentenceEmbedder.load());
    Path output = Path.of(args[0]);
    Files.createDirectories(output.toAbsolutePath().getParent());
    try (OutputStream out = Files.newOutputStream(output)) {
      write(texts, vectors, out);
    }
    System.out.printf("%d help-centre vectors written to %s%n", vectors.length, output);
  }

  /**
   * Every text the knowledge base embeds, in order: for each section of each article, the passage
   * (title, heading, text), the section alone, then the questions it answers; last, the requests
   * no article covers.
   */
  static List<String> textsToEmbed(List<Article> articles, List<String> notCovered) {
    List<String> texts = new ArrayList<>();
    for (Article article : articles) {
      for (Article.Section section : article.sections()) {
        texts.add(passageText(article, section));
        texts.add(sectionText(article, section));
        texts.addAll(section.asks());
      }
    }
    texts.addAll(notCovered);
    return texts;
  }

  /** What a passage's vector is computed from: the article's title, the heading, the text. */
  static String passageText(Article article, Article.Section section) {
    // The opening passage stands for the whole article: it carries the merchants' own words (tags).
    String heading = section.heading().equals(article.title()) ? article.tags() + ". " : section.heading() + ". ";
    return article.title() + ". " + heading + KnowledgeBaseAssistant.plain(section.text());
  }

  /** A section on its own (heading and text), to tell an article's sections apart. */
  static String sectionText(Article article, Article.Section section) {
    String heading = section.heading().equals(article.title()) ? "" : section.heading() + ". ";
    return heading + KnowledgeBaseAssistant.plain(section.text());
  }
}
