package com.commercive.support.assistant.kb;

import com.commercive.support.assistant.Topic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
import org.apache.lucene.document.StringField;
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
 * The help centre as a search index: every section of every article is a passage, searched with
 * BM25 over its title, tags, heading and text. Built in memory once per cold start, read-only
 * afterwards, so one instance serves concurrent requests.
 */
public final class KnowledgeBase {
  /** Below this confidence the assistant hands the question to a person. */
  public static final double HANDOFF_THRESHOLD = 0.5;
  static final int MAX_QUESTION_WORDS = 60;
  /** BM25 score at which a match counts as half-strong; scales scores into [0, 1). */
  static final double SCORE_SCALE = 6.0;
  static final double COVERAGE_WEIGHT = 0.65;

  private static final String ID = "id";
  private static final String SECTION = "section";
  private static final String TITLE = "title";
  private static final String TAGS = "tags";
  private static final String HEADING = "heading";
  private static final String BODY = "body";
  private static final Map<String, Float> FIELD_BOOSTS =
      Map.of(TITLE, 2.0f, TAGS, 1.5f, HEADING, 1.5f, BODY, 1.0f);
  /** Particles kept for phrases like "log in": alone they say nothing about a question. */
  private static final Set<String> WEAK_TERMS = Set.of("in", "on", "out", "up", "off", "down");

  private final Map<String, Article> articles;
  private final IndexSearcher searcher;
  private final Analyzer indexAnalyzer;
  private final Analyzer queryAnalyzer;
  private final Analyzer wordAnalyzer;
  private final Map<String, Set<String>> synonymStems;
  private final SpellingCorrector corrector;
  private final Map<String, Set<String>> articleTerms;
  private final Duration buildTime;

  private KnowledgeBase(
      Map<String, Article> articles,
      IndexSearcher searcher,
      Analyzer indexAnalyzer,
      Analyzer queryAnalyzer,
      Analyzer wordAnalyzer,
      Map<String, Set<String>> synonymStems,
      SpellingCorrector corrector,
      Map<String, Set<String>> articleTerms,
      Duration buildTime) {
    this.articles = articles;
    this.searcher = searcher;
    this.indexAnalyzer = indexAnalyzer;
    this.queryAnalyzer = queryAnalyzer;
    this.wordAnalyzer = wordAnalyzer;
    this.synonymStems = synonymStems;
    this.corrector = corrector;
    this.articleTerms = articleTerms;
    this.buildTime = buildTime;
  }

  /** The articles and synonyms shipped with the project. */
  public static KnowledgeBase load() {
    long started = System.nanoTime();
    String resource = ArticleLoader.FOLDER + "synonyms.txt";
    return build(
        ArticleLoader.loadAll(),
        MerchantAnalyzers.synonyms(resource),
        synonymLines(resource),
        started);
  }

  static KnowledgeBase build(
      List<Article> articles, SynonymMap synonyms, List<String> synonymLines, long started) {
    Analyzer indexAnalyzer = MerchantAnalyzers.index();
    Analyzer wordAnalyzer = MerchantAnalyzers.words();
    ByteBuffersDirectory directory = new ByteBuffersDirectory();
    Map<String, Article> byId = new LinkedHashMap<>();
    Map<String, Set<String>> termsById = new HashMap<>();
    Map<String, Integer> vocabulary = new HashMap<>();
    try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(indexAnalyzer))) {
      for (Article article : articles) {
        byId.put(article.id(), article);
        StringBuilder all = new StringBuilder(article.title()).append('\n').append(article.tags());
        for (int i = 0; i < article.sections().size(); i++) {
          Article.Section section = article.sections().get(i);
          Document passage = new Document();
          passage.add(new StringField(ID, article.id(), Field.Store.YES));
          passage.add(new StoredField(SECTION, i));
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
      IndexSearcher searcher = new IndexSearcher(DirectoryReader.open(directory));
      return new KnowledgeBase(
          byId,
          searcher,
          indexAnalyzer,
          MerchantAnalyzers.query(synonyms),
          wordAnalyzer,
          synonymStems(indexAnalyzer, synonymLines),
          new SpellingCorrector(vocabulary),
          termsById,
          Duration.ofNanos(System.nanoTime() - started));
    } catch (IOException e) {
      throw new UncheckedIOException("the knowledge base could not be opened", e);
    }
  }

  public List<Article> articles() {
    return List.copyOf(articles.values());
  }

  /** How long building the index took (measured once per cold start). */
  public Duration buildTime() {
    return buildTime;
  }

  public Retrieval retrieve(String question) {
    if (ScopeGuard.outOfScope(question)) {
      return new Retrieval(List.of(), Topic.GENERAL, 0, true, Retrieval.Reason.OUT_OF_SCOPE);
    }
    String corrected = correct(question);
    List<Set<String>> groups = termGroups(corrected);
    if (groups.isEmpty()) {
      return new Retrieval(List.of(), Topic.GENERAL, 0, true, Retrieval.Reason.NO_MATCH);
    }
    List<Retrieval.Match> matches = search(corrected);
    if (matches.isEmpty()) {
      return new Retrieval(List.of(), Topic.GENERAL, 0, true, Retrieval.Reason.NO_MATCH);
    }
    Retrieval.Match best = matches.get(0);
    // A question is covered by its topic's matching articles together: "stock levels out of
    // date" spreads over two inventory articles.
    Set<String> topicTerms = new HashSet<>();
    for (Retrieval.Match match : matches) {
      if (match.article().topic() == best.article().topic()) {
        topicTerms.addAll(articleTerms.get(match.article().id()));
      }
    }
    long covered = groups.stream().filter(g -> g.stream().anyMatch(topicTerms::contains)).count();
    double coverage = (double) covered / groups.size();
    double strength = best.score() / (best.score() + SCORE_SCALE);
    double confidence = COVERAGE_WEIGHT * coverage + (1 - COVERAGE_WEIGHT) * strength;
    confidence = Math.round(Math.min(0.99, Math.max(0, confidence)) * 1000) / 1000.0;
    boolean handoff = confidence < HANDOFF_THRESHOLD;
    return new Retrieval(
        matches,
        best.article().topic(),
        confidence,
        handoff,
        handoff ? Retrieval.Reason.LOW_CONFIDENCE : Retrieval.Reason.ANSWERED);
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
  private List<Set<String>> termGroups(String text) {
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

  private List<Retrieval.Match> search(String text) {
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
      return List.of();
    }
    try {
      TopDocs top = searcher.search(query.build(), 50);
      Map<String, Map<Integer, Double>> sectionScores = new LinkedHashMap<>();
      Map<String, Double> articleScores = new LinkedHashMap<>();
      for (ScoreDoc hit : top.scoreDocs) {
        Document passage = searcher.storedFields().document(hit.doc);
        String id = passage.get(ID);
        int section = passage.getField(SECTION).numericValue().intValue();
        sectionScores.computeIfAbsent(id, k -> new HashMap<>()).put(section, (double) hit.score);
        articleScores.merge(id, (double) hit.score, Math::max);
      }
      double bestScore = articleScores.values().stream().mapToDouble(d -> d).max().orElse(0);
      List<Retrieval.Match> matches = new ArrayList<>();
      articleScores.entrySet().stream()
          .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
          .filter(e -> e.getValue() >= bestScore * 0.35)
          .limit(3)
          .forEach(e -> {
            Article article = articles.get(e.getKey());
            Map<Integer, Double> scores = sectionScores.get(e.getKey());
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < article.sections().size(); i++) {
              order.add(i);
            }
            order.sort(Comparator.<Integer, Double>comparing(i -> scores.getOrDefault(i, 0.0)).reversed()
                .thenComparing(i -> i));
            matches.add(new Retrieval.Match(
                article, e.getValue(), order.stream().map(article.sections()::get).toList()));
          });
      return matches;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> tokens(Analyzer analyzer, String text) {
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
  private static List<String> synonymLines(String resource) {
    try (var in = KnowledgeBase.class.getResourceAsStream(resource)) {
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
