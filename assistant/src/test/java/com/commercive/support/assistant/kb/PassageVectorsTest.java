package com.commercive.support.assistant.kb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PassageVectorsTest {
  @Test
  void theBuildShipsVectorsMatchingTheShippedArticles() {
    List<String> texts = PassageVectors.textsToEmbed(ArticleLoader.loadAll(), ArticleLoader.loadNotCovered());
    assertThat(PassageVectors.shipped(texts)).as("target/classes/knowledge-base/vectors.bin").isPresent()
        .get().satisfies(vectors -> assertThat(vectors.length).isEqualTo(texts.size()));
  }

  @Test
  void vectorsForOtherTextsAreNotUsed() {
    List<String> texts = new ArrayList<>(PassageVectors.textsToEmbed(ArticleLoader.loadAll(), ArticleLoader.loadNotCovered()));
    texts.set(3, texts.get(3) + " (edited)");
    assertThat(PassageVectors.shipped(texts)).isEmpty();
    assertThat(PassageVectors.fingerprint(texts))
        .isNotEqualTo(PassageVectors.fingerprint(PassageVectors.textsToEmbed(ArticleLoader.loadAll(), ArticleLoader.loadNotCovered())));
  }

  @Test
  void writesWhatItReads() throws IOException {
    List<String> texts = List.of("one", "two");
    float[][] vectors = {{0.5f, -0.25f}, {1f, 0f}};
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PassageVectors.write(texts, vectors, out);
    assertThat(PassageVectors.read(new ByteArrayInputStream(out.toByteArray()), PassageVectors.fingerprint(texts), 2))
        .hasValueSatisfying(read -> assertThat(read).isDeepEqualTo(vectors));
    assertThat(PassageVectors.read(new ByteArrayInputStream(out.toByteArray()), "another", 2)).isEmpty();
    assertThat(PassageVectors.read(new ByteArrayInputStream(new byte[3]), PassageVectors.fingerprint(texts), 2)).isEmpty();
  }

  @Test
  void theArticlesCarryTheirQuestionsOutOfTheirText() {
    Article article = ArticleLoader.parse("x.md", """
        ---
        id: x
        title: A title
        topic: payouts
        tags: a, b
        ---
        <!-- asks: first question? | second one -->
        The opening.

        ## A section
        <!-- asks: third -->
        Its text.
        """);
    assertThat(article.sections()).extracting(Article.Section::asks)
        .containsExactly(List.of("first question?", "second one"), List.of("third"));
    assertThat(article.sections()).extracting(Article.Section::text).containsExactly("The opening.", "Its text.");
  }
}
