package com.commercive.support.assistant.kb;

import com.commercive.support.assistant.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.synonym.SynonymMap;

/**
 * The help centre searched by meaning and by words: every section of every article is a passage,
 * scored by the cosine of its sentence embedding with the question's (and of the questions it
 * answers, its {@code asks}) plus a share of its BM25 score ({@link LexicalIndex}). Articles are
 * ranked by their best passage, and the retrieval says how confident it is. Built once per cold
 * start, read-only afterwards, so one instance serves concurrent requests.
 */
public final class KnowledgeBase {
  // Longer than most classes here: it is one algorithm (fusion, ranking, confidence, several
  // questions, follow-ups) whose steps read best together; the words' half is LexicalIndex and
  // the vectors' PassageVectors.
  /** Below this confidence the assistant hands the question to a person, unless configured otherwise. */
  public static final double HANDOFF_THRESHOLD = RetrievalWeights.DEFAULT.handoffThreshold();
  /** BM25 score at which a match counts as half-strong; scales scores into [0, 1). */
  static final double SCORE_SCALE = 6.0;

  private final Map<String, Article> articles;
  private final List<Passage> passages;
  private final Map<String, Integer> firstPassage;
  private final float[][] passageVectors;
  private final float[][] sectionVectors;
  private final float[][][] askVectors;
  /** The requests no article covers (not-covered.txt). */
  private final float[][] notCoveredVectors;
  private final SentenceEmbedder embedder;
  private final LexicalIndex words;
  private final Duration buildTime;
  private final RetrievalWeights weights;

  /** One section of one article: what is searched and embedded. */
  private record Passage(Article article, int section) {}

  private KnowledgeBase(Map<String, Article> articles, List<Passage> passages, Map<String, Integer> firstPassage,
      float[][] passageVectors, float[][] sectionVectors, float[][][] askVectors, float[][] notCoveredVectors,
      SentenceEmbedder embedder, LexicalIndex words, Duration buildTime, RetrievalWeights weights) {
    this.articles = articles;
    this.passages = passages;
    this.firstPassage = firstPassage;
    this.passageVectors = passageVectors;
    this.sectionVectors = sectionVectors;
    this.askVectors = askVectors;
    this.notCoveredVectors = notCoveredVectors;
    this.embedder = embedder;
    this.words = words;
    this.buildTime = buildTime;
    this.weights = weights;
  }

  /** The articles and synonyms shipped with the project. */
  public static KnowledgeBase load() {
    long started = System.nanoTime();
    String resource = ArticleLoader.FOLDER + "synonyms.txt";
    return build(
        ArticleLoader.loadAll(),
        ArticleLoader.loadNotCovered(),
        MerchantAnalyzers.synonyms(resource),
        LexicalIndex.synonymLines(resource),
        SentenceEmbedder.load(),
        started);
  }

  static KnowledgeBase build(
      List<Article> articles,
      List<String> notCovered,
      SynonymMap synonyms,
      List<String> synonymLines,
      SentenceEmbedder embedder,
      long started) {
    Map<String, Article> byId = new LinkedHashMap<>();
    List<Passage> passages = new ArrayList<>();
    Map<String, Integer> firstPassage = new HashMap<>();
    float[][] embedded = PassageVectors.forTexts(PassageVectors.textsToEmbed(articles, notCovered), embedder);
    int next = 0;
    List<float[]> vectors = new ArrayList<>();
    List<float[]> sectionOnly = new ArrayList<>();
    List<float[][]> asked = new ArrayList<>();
    for (Article article : articles) {
      byId.put(article.id(), article);
      firstPassage.put(article.id(), passages.size());
      for (int i = 0; i < article.sections().size(); i++) {
        passages.add(new Passage(article, i));
        vectors.add(embedded[next++]);
        sectionOnly.add(embedded[next++]);
        int asks = article.sections().get(i).asks().size();
        asked.add(Arrays.copyOfRange(embedded, next, next + asks));
        next += asks;
      }
    }
    return new KnowledgeBase(byId, List.copyOf(passages), Map.copyOf(firstPassage),
        vectors.toArray(new float[0][]), sectionOnly.toArray(new float[0][]), asked.toArray(new float[0][][]),
        Arrays.copyOfRange(embedded, next, embedded.length), embedder, LexicalIndex.build(articles, synonyms, synonymLines), Duration.ofNanos(System.nanoTime() - started),
        RetrievalWeights.DEFAULT);
  }

  /** The same index and vectors scored with other weights (for tuning them against the evaluation set). */
  KnowledgeBase withWeights(RetrievalWeights other) {
    return new KnowledgeBase(articles, passages, firstPassage, passageVectors, sectionVectors, askVectors,
        notCoveredVectors, embedder, words, buildTime, other);
  }

  /**
   * The same knowledge base handing off below {@code threshold} instead of the calibrated
   * threshold ({@code ASSISTANT_HANDOFF_THRESHOLD}; docs/assistant.md shows what each value trades).
   */
  public KnowledgeBase withHandoffThreshold(double threshold) {
    if (!(threshold >= 0 && threshold <= 1)) {
      throw new IllegalArgumentException("a handoff threshold is between 0 and 1");
    }
    return withWeights(weights.withHandoffThreshold(threshold));
  }

  /** Below this confidence the assistant hands the message to a person. */
  public double handoffThreshold() {
    return weights.handoffThreshold();
  }

  /** The sentence-embedding model it reads with, for other readers of merchants' text (one in memory). */
  SentenceEmbedder embedder() {
    return embedder;
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
    // Only the sentences that ask can ask two things: a story's sentences are not questions.
    List<Clauses.Clause> questions =
        Clauses.split(Clauses.asking(question)).stream().filter(Clauses.Clause::separate).toList();
    if (questions.size() > 1) {
      Retrieval combined = combineClauses(questions);
      if (combined != null) {
        return combined;
      }
    }
    return whole;
  }

  /**
   * A message that asks several things: the questions in it answered confidently, each by its
   * own article, are answered together. When fewer than two are (one question put in two clauses,
   * "which one is right and how do I compare them", or a second clause too vague alone), the whole
   * message's retrieval answers, or hands off.
   */
  private Retrieval combineClauses(List<Clauses.Clause> clauses) {
    List<Retrieval> confident = new ArrayList<>();
    List<Retrieval.Match> answers = new ArrayList<>();
    for (Clauses.Clause clause : clauses) {
      Retrieval part = score(clause.text(), null);
      if (part == null || part.handoff()) {
        continue;
      }
      Retrieval.Match best = part.matches().get(0);
      if (answers.stream().noneMatch(m -> m.article().id().equals(best.article().id()))) {
        answers.add(best);
        confident.add(part);
      }
    }
    if (answers.size() < 2) {
      return null;
    }
    return new Retrieval(
        answers,
        answers.get(0).article().topic(),
        confident.stream().mapToDouble(Retrieval::confidence).min().orElseThrow(),
        false,
        Retrieval.Reason.ANSWERED,
        answers.size(),
        confident.stream().map(part -> part.signals())
            .min(Comparator.comparingDouble(weights::confidence)).orElseThrow());
  }

  /** The retrieval for one question (and its context), or null when it shares nothing with the help centre. */
  private Retrieval score(String question, String previous) {
    String corrected = words.correct(question);
    List<Set<String>> groups = words.termGroups(corrected);
    if (groups.isEmpty()) {
      return null;
    }
    PassageScores scores = scores(corrected, question);
    // A story before the question: the sentences that ask weigh more than the story around them.
    String asking = Clauses.asking(question);
    List<Set<String>> askingGroups = groups;
    List<Set<String>> storyGroups = new ArrayList<>();
    if (!asking.equals(question.strip())) {
      String correctedAsking = words.correct(asking);
      List<Set<String>> asked = words.termGroups(correctedAsking);
      // "... waited a whole day already. help": an ask that names nothing leaves the story to say what.
      if (asked.stream().filter(words::known).count() >= 2) {
        scores = scores.blend(scores(correctedAsking, asking), weights.askWeight());
        askingGroups = asked;
        storyGroups.addAll(groups);
        asked.forEach(storyGroups::remove);
      }
    }
    boolean sharesAWord = Arrays.stream(scores.lexical()).anyMatch(v -> v > 0);
    boolean readWithPrevious = previous != null && !previous.isBlank() && Clauses.followUp(question);
    if (readWithPrevious) {
      String correctedPrevious = words.correct(previous);
      PassageScores context = scores(correctedPrevious + " " + corrected, previous + " " + question);
      sharesAWord |= Arrays.stream(context.lexical()).anyMatch(v -> v > 0);
      scores = scores.blend(context, 1 - weights.followUpOwnWeight());
      // The previous message's words tell what "that" is: they count like a story's.
      storyGroups.addAll(words.termGroups(correctedPrevious));
    }
    if (!sharesAWord) {
      // Not one word (or synonym) in common with the help centre: whatever the vectors say,
      // this is not a question the articles were written for.
      return null;
    }
    double[] fused = scores.passages();
    double[] sections = scores.sections();
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
    double coverage = words.coverage(askingGroups, storyGroups, best.article().id(), weights.storyCoverageWeight());
    Retrieval.Signals signals = new Retrieval.Signals(
        best.score(), best.score() - second, coverage, lexicalAgreement(scores.lexical(), best.article().id()));
    double confidence = weights.confidence(signals);
    if (readWithPrevious) {
      confidence = Math.max(confidence, withPreviousAnswer(confidence, previous, best.article().id()));
    }
    // A follow-up is too short to mean anything alone ("how do I fix it"): its context decides.
    if (!readWithPrevious && notCovered(scores, best.article().id())) {
      return new Retrieval(matches, best.article().topic(), confidence, true, Retrieval.Reason.NOT_COVERED, 1,
          signals);
    }
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
   * A follow-up led to the article that answered the previous message stays on the subject the
   * merchant was answered on: its confidence is the mean of its own and the previous answer's.
   */
  private double withPreviousAnswer(double own, String previous, String articleId) {
    Retrieval before = score(previous, null);
    if (before == null || before.handoff() || !before.matches().get(0).article().id().equals(articleId)) {
      return own;
    }
    return Math.round((own + before.confidence()) / 2 * 1000) / 1000.0;
  }

  /**
   * Whether the question means a request no article covers more than anything the best article
   * says (its passages and their questions, by meaning alone): the article only shares words.
   */
  private boolean notCovered(PassageScores scores, String articleId) {
    double article = Double.NEGATIVE_INFINITY;
    int first = firstPassage.get(articleId);
    for (int i = first; i < first + articles.get(articleId).sections().size(); i++) {
      article = Math.max(article, scores.meaning()[i]);
    }
    return scores.notCovered() > article + weights.notCoveredMargin();
  }

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
  private PassageScores scores(String corrected, String original) {
    float[] vector = embedder.embed(original);
    double[] lexical = words.scores(corrected);
    double[] fused = new double[passages.size()];
    double[] sections = new double[passages.size()];
    double[] meaning = new double[passages.size()];
    for (int i = 0; i < fused.length; i++) {
      double lexicalShare = weights.lexicalWeight() * lexical[i] / (lexical[i] + SCORE_SCALE);
      double asked = Double.NEGATIVE_INFINITY;
      for (float[] ask : askVectors[i]) {
        asked = Math.max(asked, SentenceEmbedder.cosine(vector, ask));
      }
      meaning[i] = Math.max(SentenceEmbedder.cosine(vector, passageVectors[i]), asked);
      fused[i] = meaning[i] + lexicalShare;
      // An opening's questions speak for the whole article: they rank it, but within the article
      // the opening leads only when its own text matches (the answer is usually further down).
      boolean opening = passages.get(i).section() == 0;
      double ownQuestions = opening ? Double.NEGATIVE_INFINITY : asked;
      sections[i] = Math.max(SentenceEmbedder.cosine(vector, sectionVectors[i]), ownQuestions) + lexicalShare;
    }
    double notCovered = Double.NEGATIVE_INFINITY;
    for (float[] request : notCoveredVectors) {
      notCovered = Math.max(notCovered, SentenceEmbedder.cosine(vector, request));
    }
    return new PassageScores(fused, sections, lexical, meaning, notCovered);
  }


  /** The question with unknown words replaced by the closest words the help centre uses. */
  String correct(String question) {
    return words.correct(question);
  }
}
