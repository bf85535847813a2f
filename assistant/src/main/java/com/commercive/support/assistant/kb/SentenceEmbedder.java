package com.commercive.support.assistant.kb;

import dev.langchain4j.model.embedding.EmbeddingModel;
import java.nio.file.Path;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

/**
 * Turns a text into a unit vector with a small sentence-embedding model (all-MiniLM-L6-v2,
 * quantised, 384 dimensions) that runs in process on the CPU through ONNX Runtime: texts that
 * mean the same thing in other words get close vectors. Thread-safe; load it once per process.
 */
public final class SentenceEmbedder {
  /** The model's name, part of the precomputed vectors' fingerprint. */
  static final String MODEL = "all-MiniLM-L6-v2-q (langchain4j-embeddings 1.19.0-beta29)";
  private final EmbeddingModel model;

  private SentenceEmbedder(EmbeddingModel model) {
    this.model = model;
  }

  /** The model shipped in the jar; runs each call on the caller's thread (no pool to manage). */
  public static SentenceEmbedder load() {
    // The tokenizer's library unpacks its native code into a cache folder, by default under the
    // home folder, which Lambda cannot write; and it must never phone home from a function.
    if (System.getProperty("DJL_CACHE_DIR") == null && System.getenv("DJL_CACHE_DIR") == null) {
      System.setProperty("DJL_CACHE_DIR", Path.of(System.getProperty("java.io.tmpdir"), "djl").toString());
    }
    if (System.getProperty("OPT_OUT_TRACKING") == null) {
      System.setProperty("OPT_OUT_TRACKING", "true");
    }
    return new SentenceEmbedder(new AllMiniLmL6V2QuantizedEmbeddingModel(Runnable::run));
  }

  public float[] embed(String text) {
    float[] vector = model.embed(text).content().vector();
    double norm = 0;
    for (float v : vector) {
      norm += v * v;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) {
      for (int i = 0; i < vector.length; i++) {
        vector[i] /= (float) norm;
      }
    }
    return vector;
  }

  /** Cosine similarity of two unit vectors. */
  static double cosine(float[] a, float[] b) {
    double dot = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
    }
    return dot;
  }
}
