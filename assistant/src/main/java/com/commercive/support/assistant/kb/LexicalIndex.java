package com.commercive.support.assistant.kb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.QueryBuilder;

/**
 * The help centre searched by its words: every section of every article (a passage, numbered in
 * article and section order) in a Lucene index, scored with BM25 over its title, tags, heading and
 * text, with the merchants' synonyms and a spelling correction against the articles' own words.
 * Built in memory once per cold start, read-only afterwards.
 */
final class LexicalIndex {
  static final int MAX_QUESTION_WORDS = 60;

  private static final String PASSAGE = "passage";
  private static final String TITLE = "title";
  private static final String TAGS = "tags";
  private static final String HEADING = "heading";
  private static final String BODY = "body";
  private static final Map<String, Float> FIELD_BOOSTS =
      Map.of(TITLE, 2.0f, TAGS, 1.5f, HEADING, 1.5f, BODY, 1.0f);
  /** Particles kept for phrases like "log in": alone they say nothing about a question. */
  private static final Set<String> WEAK_TERMS = Set.of("in", "on", "out", "up", "off", "down");

  private final int passageCount;
  private final IndexSearcher searcher;
  private final Analyzer indexAnalyzer;
  private final Analyzer queryAnalyzer;
  private final Analyzer wordAnalyzer;
  private final Map<String, Set<String>> synonymStems;
  private final SpellingCorrector corrector;
  private final Map<String, Set<String>> articleTerms;

  private LexicalIndex(int passageCount, IndexSearcher searcher, Analyzer indexAnalyzer, Analyzer queryAnalyzer,
      Analyzer wordAnalyzer, Map<String, Set<String>> synonymStems, SpellingCorrector corrector,
      Map<String, Set<String>> articleTerms) {
    this.passageCount = passageCount;
    this.searcher = searcher;
    this.indexAnalyzer = indexAnalyzer;
    this.queryAnalyzer = queryAnalyzer;
    this.wordAnalyzer = wordAnalyzer;
    this.synonymStems = synonymStems;
    this.corrector = corrector;
    this.articleTerms = articleTerms;
  }

  /** Indexes the articles' sections, in order, with the synonyms file's rules ({@code synonymLines}). */
  static LexicalIndex build(List<Article> articles, SynonymMap synonyms, List<String> synonymLines) {
    Analyzer indexAnalyzer = MerchantAnalyzers.index();
    Analyzer wordAnalyzer = MerchantAnalyzers.words();
    ByteBuffersDirectory directory = new ByteBuffersDirectory();
    Map<String, Set<String>> termsById = new HashMap<>();
    Map<String, Integer> vocabulary = new HashMap<>();
    int passages = 0;
    try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(indexAnalyzer))) {
      for (Article article : articles) {
        StringBuilder all = new StringBuilder(article.title()).append('\n').append(article.tags());
        for (int i = 0; i < article.sections().size(); i++) {
          Article.Section section = article.sections().get(i);
          Document passage = new Document();
          passage.add(new StoredField(PASSAGE, passages++));
          passage.add(new TextField(TITLE, article.title(), Field.Store.NO));
          passage.add(new TextField(TAGS, article.tags(), Field.Store.NO));
          passage.add(new TextField(HEADING, i == 0 ? "" : section.heading(), Field.Store.NO));
          passage.add(new TextField(BODY, section.text(), Field.Store.NO));
          writer.addDocument(passage);
          all.append('\n').append(section.heading()).append('\n').append(section.text());
        }
        termsById.put(article.id(), Set.copyOf(tokens(indexAnalyzer, all.toString())));
        for (String word : tokens(wordAnalyzer, all.toString())) {
          vocabulary.merge(word, 1, Integer::sum);
        }
      }
      writer.commit();
    } catch (IOException e) {
      throw new UncheckedIOException("the knowledge base could not be indexed", e);
    }
    // A synonym is a known word: never "correct" it into another.
    for (String line : synonymLines) {
      for (String word : line.split("[^a-z0-9'-]+")) {
        if (!word.isBlank()) {
          vocabulary.merge(word, 1, Integer::sum);
        }
      }
    }
    MerchantAnalyzers.STOP_WORDS.forEach(w -> vocabulary.merge(new String((char[]) w), 1, Integer::sum));
    try {
      return new LexicalIndex(passages, new IndexSearcher(DirectoryReader.open(directory)), indexAnalyzer,
          MerchantAnalyzers.query(synonyms), wordAnalyzer, synonymStems(indexAnalyzer, synonymLines),
          new SpellingCorrector(vocabulary), Map.copyOf(termsById));
    } catch (IOException e) {
      throw new UncheckedIOException("the knowledge base could not be opened", e);
    }
  }

  /**
   * The share of a message's term groups the article holds. The groups of a story told before the
   * question (or of the previous message, for a follow-up) count only when the help centre uses
   * them at all, each with {@code storyWeight}: "we moved to a bigger unit" says what happened,
   * not what is asked.
   */
  double coverage(List<Set<String>> asking, List<Set<String>> story, String articleId, double storyWeight) {
    Set<String> terms = articleTerms.get(articleId);
    double covered = asking.stream().filter(g -> covers(g, terms)).count();
    double counted = asking.size();
    for (Set<String> group : story) {
      if (known(group)) {
        counted += storyWeight;
        covered += covers(group, terms) ? storyWeight : 0;
      }
    }
    return counted == 0 ? 0 : covered / counted;
  }

  private static boolean covers(Set<String> group, Set<String> terms) {
    return group.stream().anyMatch(terms::contains);
  }

  /** Whether any article holds one of the group's stems: a word the help centre uses at all. */
  boolean known(Set<String> group) {
    return articleTerms.values().stream().anyMatch(terms -> group.stream().anyMatch(terms::contains));
  }

  /** The stems of every word of the article {@code articleId} (title, tags, headings, text). */
  Set<String> articleTerms(String articleId) {
    return articleTerms.get(articleId);
  }

  /** The question with unknown words replaced by the closest words the help centre uses. */
  String correct(String question) {
    List<String> words = tokens(wordAnalyzer, question);
    if (words.size() > MAX_QUESTION_WORDS) {
      words = words.subList(0, MAX_QUESTION_WORDS);
    }
    List<String> corrected = new ArrayList<>(words.size());
    for (String word : words) {
      corrected.add(corrector.correct(word));
    }
    return String.join(" ", corrected);
  }

  /**
   * The question's meaningful terms: one group per word, holding the word's stem and the stems
   * of its one-word synonyms. A group is covered when an article contains any of them.
   */
  List<Set<String>> termGroups(String text) {
    List<Set<String>> groups = new ArrayList<>();
    for (String stem : tokens(indexAnalyzer, text)) {
      if (WEAK_TERMS.contains(stem)) {
        continue;
      }
      Set<String> group = new HashSet<>(synonymStems.getOrDefault(stem, Set.of()));
      group.add(stem);
      groups.add(group);
    }
    return groups;
  }

  /** Each passage's BM25 score for the text (0 where it does not match). */
  double[] scores(String text) {
    double[] scores = new double[passageCount];
    BooleanQuery.Builder query = new BooleanQuery.Builder();
    QueryBuilder builder = new QueryBuilder(queryAnalyzer);
    boolean any = false;
    for (Map.Entry<String, Float> field : new TreeMap<>(FIELD_BOOSTS).entrySet()) {
      Query fieldQuery = builder.createBooleanQuery(field.getKey(), text, BooleanClause.Occur.SHOULD);
      if (fieldQuery != null) {
        query.add(new BoostQuery(fieldQuery, field.getValue()), BooleanClause.Occur.SHOULD);
        any = true;
      }
    }
    if (!any) {
      return scores;
    }
    try {
      TopDocs top = searcher.search(query.build(), passageCount);
      for (ScoreDoc hit : top.scoreDocs) {
        int passage = searcher.storedFields().document(hit.doc).getField(PASSAGE).numericValue().intValue();
        scores[passage] = hit.score;
      }
      return scores;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> tokens(Analyzer analyzer, String text) {
    List<String> tokens = new ArrayList<>();
    try (TokenStream stream = analyzer.tokenStream(BODY, text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        tokens.add(term.toString());
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return tokens;
  }

  /** The synonyms file's rules, lower case, without comments. */
  static List<String> synonymLines(String resource) {
    try (var in = LexicalIndex.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the classpath");
      }
      List<String> lines = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          lines.add(line.toLowerCase(Locale.ROOT).strip());
        }
      }
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * For each one-word entry of a synonym rule, the stems of the rule's other one-word entries
   * ({@code a, b, c} links all; {@code a => b, c} links a to b and c).
   */
  private static Map<String, Set<String>> synonymStems(Analyzer analyzer, List<String> lines) {
    Map<String, Set<String>> stems = new HashMap<>();
    for (String line : lines) {
      String[] sides = line.split("=>");
      List<String> from = singleStems(analyzer, sides[0]);
      List<String> to = sides.length > 1 ? singleStems(analyzer, sides[1]) : from;
      for (String stem : from) {
        Set<String> linked = stems.computeIfAbsent(stem, k -> new HashSet<>());
        to.stream().filter(t -> !t.equals(stem)).forEach(linked::add);
      }
    }
    stems.replaceAll((stem, linked) -> Set.copyOf(linked));
    return Map.copyOf(stems);
  }

  private static List<String> singleStems(Analyzer analyzer, String entries) {
    List<String> stems = new ArrayList<>();
    for (String entry : entries.split(",")) {
      List<String> tokens = tokens(analyzer, entry.strip());
      if (tokens.size() == 1) {
        stems.add(tokens.get(0));
      }
    }
    return stems;
  }
}
