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
  public static final double HANDOFF_THRESHOLD = RetrievalWeights.DEFAULT.handoffThreshold();
  static final int MAX_QUESTION_WORDS = 60;
  /** BM25 score at which a match counts as half-strong; scales scores into [0, 1). */
  static final double SCORE_SCALE = 6.0;

  private static final String PASSAGE = "passage";
  private static final String TITLE = "title";
  private static final String TAGS = "tags";
  private static final String HEADING = "heading";
  private static final String BODY = "body";
  private static final Map<String, Float> FIELD_BOOSTS =
      Map.of(TITLE, 2.0f, TAGS, 1.5f, HEADING, 1.5f, BODY, 1.0f);
  /** Particles kept for phrases like "log in": alone they say nothing about a question. */
  private static final Set<String> WEAK_TERMS = Set.of("in", "on", "out", "up", "off", "down");

  private final Map<String, Article> articles;
  private final List<Passage> passages;
  private final Map<String, Integer> firstPassage;
  private final float[][] passageVectors;
  private final float[][] sectionVectors;
  private final float[][][] askVectors;
  private final SentenceEmbedder embedder;
  private final IndexSearcher searcher;
  private final Analyzer indexAnalyzer;
  private final Analyzer queryAnalyzer;
  private final Analyzer wordAnalyzer;
  private final Map<String, Set<String>> synonymStems;
  private final SpellingCorrector corrector;
  private final Map<String, Set<String>> articleTerms;
  private final Duration buildTime;
  private final RetrievalWeights weights;

  /** One section of one article: what is searched and embedded. */
  private record Passage(Article article, int section) {}

  private KnowledgeBase(
      Map<String, Article> articles,
      List<Passage> passages,
      Map<String, Integer> firstPassage,
      float[][] passageVectors,
      float[][] sectionVectors,
      float[][][] askVectors,
      SentenceEmbedder embedder,
      IndexSearcher searcher,
      Analyzer indexAnalyzer,
      Analyzer queryAnalyzer,
      Analyzer wordAnalyzer,
      Map<String, Set<String>> synonymStems,
      SpellingCorrector corrector,
      Map<String, Set<String>> articleTerms,
      Duration buildTime,
      RetrievalWeights weights) {
    this.articles = articles;
    this.passages = passages;
    this.firstPassage = firstPassage;
    this.passageVectors = passageVectors;
    this.sectionVectors = sectionVectors;
    this.askVectors = askVectors;
    this.embedder = embedder;
    this.searcher = searcher;
    this.indexAnalyzer = indexAnalyzer;
    this.queryAnalyzer = queryAnalyzer;
    this.wordAnalyzer = wordAnalyzer;
    this.synonymStems = synonymStems;
    this.corrector = corrector;
    this.articleTerms = articleTerms;
    this.buildTime = buildTime;
    this.weights = weights;
  }

  /** The articles and synonyms shipped with the project. */
  public static KnowledgeBase load() {
    long started = System.nanoTime();
    String resource = ArticleLoader.FOLDER + "synonyms.txt";
    return build(
        ArticleLoader.loadAll(),
        MerchantAnalyzers.synonyms(resource),
        synonymLines(resource),
        SentenceEmbedder.load(),
        started);
  }

  static KnowledgeBase build(
      List<Article> articles,
      SynonymMap synonyms,
      List<String> synonymLines,
      SentenceEmbedder embedder,
      long started) {
    Analyzer indexAnalyzer = MerchantAnalyzers.index();
    Analyzer wordAnalyzer = MerchantAnalyzers.words();
    ByteBuffersDirectory directory = new ByteBuffersDirectory();
    Map<String, Article> byId = new LinkedHashMap<>();
    List<Passage> passages = new ArrayList<>();
    Map<String, Integer> firstPassage = new HashMap<>();
    List<String> texts = textsToEmbed(articles);
    float[][] embedded = PassageVectors.forTexts(texts, embedder);
    int next = 0;
    List<float[]> vectors = new ArrayList<>();
    List<float[]> sectionOnly = new ArrayList<>();
    List<float[][]> asked = new ArrayList<>();
    Map<String, Set<String>> termsById = new HashMap<>();
    Map<String, Integer> vocabulary = new HashMap<>();
    try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(indexAnalyzer))) {
      for (Article article : articles) {
        byId.put(article.id(), article);
        firstPassage.put(article.id(), passages.size());
        StringBuilder all = new StringBuilder(article.title()).append('\n').append(article.tags());
        for (int i = 0; i < article.sections().size(); i++) {
          Article.Section section = article.sections().get(i);
          Document passage = new Document();
          passage.add(new StoredField(PASSAGE, passages.size()));
          passages.add(new Passage(article, i));
          vectors.add(embedded[next++]);
          sectionOnly.add(embedded[next++]);
          asked.add(java.util.Arrays.copyOfRange(embedded, next, next + section.asks().size()));
          next += section.asks().size();
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
          List.copyOf(passages),
          Map.copyOf(firstPassage),
          vectors.toArray(new float[0][]),
          sectionOnly.toArray(new float[0][]),
          asked.toArray(new float[0][][]),
          embedder,
          searcher,
          indexAnalyzer,
          MerchantAnalyzers.query(synonyms),
          wordAnalyzer,
          synonymStems(indexAnalyzer, synonymLines),
          new SpellingCorrector(vocabulary),
          termsById,
          Duration.ofNanos(System.nanoTime() - started),
          RetrievalWeights.DEFAULT);
    } catch (IOException e) {
      throw new UncheckedIOException("the knowledge base could not be opened", e);
    }
  }

  /**
   * Every text the knowledge base embeds, in order: for each section of each article, the passage
   * (title, heading, text), the section alone, then the questions it answers.
   */
  static List<String> textsToEmbed(List<Article> articles) {
    List<String> texts = new ArrayList<>();
    for (Article article : articles) {
      for (Article.Section section : article.sections()) {
        texts.add(passageText(article, section));
        texts.add(sectionText(article, section));
        texts.addAll(section.asks());
      }
    }
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

  /** The same index and vectors scored with other weights (for tuning them against the evaluation set). */
  KnowledgeBase withWeights(RetrievalWeights other) {
    return new KnowledgeBase(articles, passages, firstPassage, passageVectors, sectionVectors, askVectors, embedder,
        searcher, indexAnalyzer, queryAnalyzer, wordAnalyzer, synonymStems, corrector, articleTerms,
        buildTime, other);
  }

  public List<Article> articles() {
    return List.copyOf(articles.values());
  }

  /** How long building the index took (measured once per cold start). */
  public Duration buildTime() {
    return buildTime;
  }

  public Retrieval retrieve(String question) {
    return retrieve(question, null);
  }

  /**
   * What answers the question. {@code previous}, when given, is the merchant's previous message on
   * the ticket: a follow-up ("and how long does that take?") is read in its light.
   */
  public Retrieval retrieve(String question, String previous) {
    if (ScopeGuard.outOfScope(question)) {
      return new Retrieval(List.of(), Topic.GENERAL, 0, true, Retrieval.Reason.OUT_OF_SCOPE);
    }
    Retrieval whole = score(question, previous);
    if (whole == null) {
      return new Retrieval(List.of(), Topic.GENERAL, 0, true, Retrieval.Reason.NO_MATCH);
    }
    List<Clauses.Clause> questions =
        Clauses.split(question).stream().filter(Clauses.Clause::separate).toList();
    if (questions.size() > 1) {
      Retrieval combined = combineClauses(questions);
      if (combined != null) {
        return combined;
      }
    }
    return whole;
  }

  /**
   * A message that asks several things: each question in it must be answered confidently (by
   * different articles), or the whole message is handed off. When the questions lead to one
   * article, the whole message's retrieval answers.
   */
  private Retrieval combineClauses(List<Clauses.Clause> clauses) {
    List<Retrieval> asked = new ArrayList<>();
    for (Clauses.Clause clause : clauses) {
      Retrieval scored = score(clause.text(), null);
      if (scored != null) {
        asked.add(scored);
      }
    }
    List<Retrieval.Match> answers = new ArrayList<>();
    double confidence = 1;
    for (Retrieval part : asked) {
      Retrieval.Match best = part.matches().get(0);
      if (answers.stream().noneMatch(m -> m.article().id().equals(best.article().id()))) {
        answers.add(best);
        confidence = Math.min(confidence, part.confidence());
      }
    }
    if (answers.size() < 2) {
      return null;
    }
    boolean handoff = asked.stream().anyMatch(part -> part.handoff());
    return new Retrieval(
        answers,
        answers.get(0).article().topic(),
        confidence,
        handoff,
        handoff ? Retrieval.Reason.LOW_CONFIDENCE : Retrieval.Reason.ANSWERED,
        answers.size(),
        asked.stream().map(part -> part.signals())
            .min(Comparator.comparingDouble(weights::confidence)).orElseThrow());
  }

  /** The retrieval for one question (and its context), or null when it shares nothing with the help centre. */
  private Retrieval score(String question, String previous) {
    String corrected = correct(question);
    List<Set<String>> groups = termGroups(corrected);
    if (groups.isEmpty()) {
      return null;
    }
    Scores scores = scores(corrected, question);
    double[] fused = scores.passages();
    double[] sections = scores.sections();
    boolean sharesAWord = java.util.Arrays.stream(scores.lexical()).anyMatch(v -> v > 0);
    if (previous != null && !previous.isBlank() && Clauses.followUp(question)) {
      Scores context = scores(correct(previous) + " " + corrected, previous + " " + question);
      sharesAWord |= java.util.Arrays.stream(context.lexical()).anyMatch(v -> v > 0);
      double own = weights.followUpOwnWeight();
      for (int i = 0; i < fused.length; i++) {
        fused[i] = own * fused[i] + (1 - own) * context.passages()[i];
        sections[i] = own * sections[i] + (1 - own) * context.sections()[i];
      }
    }
    if (!sharesAWord) {
      // Not one word (or synonym) in common with the help centre: whatever the vectors say,
      // this is not a question the articles were written for.
      return null;
    }
    // Articles ranked by their best passage; each article's sections by their own scores.
    Map<String, Double> articleScores = new HashMap<>();
    for (int i = 0; i < passages.size(); i++) {
      articleScores.merge(passages.get(i).article().id(), fused[i], Math::max);
    }
    List<String> ranked = articleScores.entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .map(Map.Entry::getKey)
        .toList();
    List<Retrieval.Match> matches = new ArrayList<>();
    for (String id : ranked.subList(0, Math.min(3, ranked.size()))) {
      Article article = articles.get(id);
      int first = firstPassage.get(id);
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < article.sections().size(); i++) {
        order.add(i);
      }
      order.sort(Comparator.<Integer, Double>comparing(i -> sections[first + i]).reversed().thenComparing(i -> i));
      List<Double> sectionScores = order.stream().map(i -> sections[first + i]).toList();
      matches.add(new Retrieval.Match(
          article, articleScores.get(id), order.stream().map(article.sections()::get).toList(), sectionScores));
    }
    Retrieval.Match best = matches.get(0);
    double second = matches.size() > 1 ? matches.get(1).score() : 0;
    Set<String> bestTerms = articleTerms.get(best.article().id());
    long covered = groups.stream().filter(g -> g.stream().anyMatch(bestTerms::contains)).count();
    double coverage = (double) covered / groups.size();
    Retrieval.Signals signals = new Retrieval.Signals(
        best.score(), best.score() - second, coverage, lexicalAgreement(scores.lexical(), best.article().id()));
    double confidence = weights.confidence(signals);
    boolean handoff = confidence < weights.handoffThreshold();
    return new Retrieval(
        matches,
        best.article().topic(),
        confidence,
        handoff,
        handoff ? Retrieval.Reason.LOW_CONFIDENCE : Retrieval.Reason.ANSWERED,
        1,
        signals);
  }

  /**
   * Each passage's score (to rank articles), each section's own score (to pick within one), and
   * each passage's BM25 score alone (whether the words agree with the meaning is a sign of trust).
   */
  private record Scores(double[] passages, double[] sections, double[] lexical) {}

  /**
   * 1 when words alone (BM25) rank the same article first, 0.5 when they rank it second, else 0:
   * an answer both the meaning and the words point to is rarely wrong.
   */
  private double lexicalAgreement(double[] lexical, String articleId) {
    Map<String, Double> byArticle = new HashMap<>();
    for (int i = 0; i < passages.size(); i++) {
      byArticle.merge(passages.get(i).article().id(), lexical[i], Math::max);
    }
    List<String> ranked = byArticle.entrySet().stream()
        .filter(e -> e.getValue() > 0)
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .map(Map.Entry::getKey)
        .limit(2)
        .toList();
    int rank = ranked.indexOf(articleId);
    return rank == 0 ? 1 : rank == 1 ? 0.5 : 0;
  }

  /**
   * A passage's score for the text is its cosine similarity with the text's embedding plus a
   * share of its BM25 score (squashed into [0, 1)), so that both a paraphrase and an exact term
   * (an error message, a menu name) can carry it. Sections are told apart the same way, with
   * vectors of the section alone (the title, shared by all, would blur them).
   */
  private Scores scores(String corrected, String original) {
    float[] vector = embedder.embed(original);
    double[] lexical = lexicalScores(corrected);
    double[] fused = new double[passages.size()];
    double[] sections = new double[passages.size()];
    for (int i = 0; i < fused.length; i++) {
      double lexicalShare = weights.lexicalWeight() * lexical[i] / (lexical[i] + SCORE_SCALE);
      double asked = Double.NEGATIVE_INFINITY;
      for (float[] ask : askVectors[i]) {
        asked = Math.max(asked, SentenceEmbedder.cosine(vector, ask));
      }
      fused[i] = Math.max(SentenceEmbedder.cosine(vector, passageVectors[i]), asked) + lexicalShare;
      // An opening's questions speak for the whole article: they rank it, but within the article
      // the opening leads only when its own text matches (the answer is usually further down).
      boolean opening = passages.get(i).section() == 0;
      double ownQuestions = opening ? Double.NEGATIVE_INFINITY : asked;
      sections[i] = Math.max(SentenceEmbedder.cosine(vector, sectionVectors[i]), ownQuestions) + lexicalShare;
    }
    return new Scores(fused, sections, lexical);
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

  /** Each passage's BM25 score for the text (0 where it does not match). */
  private double[] lexicalScores(String text) {
    double[] scores = new double[passages.size()];
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
      TopDocs top = searcher.search(query.build(), passages.size());
      for (ScoreDoc hit : top.scoreDocs) {
        int passage = searcher.storedFields().document(hit.doc).getField(PASSAGE).numericValue().intValue();
        scores[passage] = hit.score;
      }
      return scores;
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
