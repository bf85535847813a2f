package com.commercive.support.assistant.kb;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;

/**
 * English analysis for merchants' questions and help articles: lower case, accents folded, stop
 * words removed, Porter stemming. Questions also get the merchant-vocabulary synonyms (so that
 * "parcel" finds articles about tracking), articles are indexed as written.
 */
final class MerchantAnalyzers {
  /**
   * Words that carry no meaning for retrieval. Unlike Lucene's default English set, particles
   * such as "in", "out" and "up" are kept ("log in", "cash out" and "sign up" need them), and so
   * are numbers ("two stores").
   */
  static final CharArraySet STOP_WORDS =
      new CharArraySet(
          List.of(
              "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "into", "is",
              "it", "no", "not", "of", "or", "such", "that", "the", "their", "then", "there",
              "these", "they", "this", "to", "was", "will", "with", "i", "me", "my", "mine", "we",
              "our", "us", "you", "your", "he", "she", "his", "her", "its", "what", "whats",
              "how", "why", "when", "where", "who", "which", "whether", "can", "could", "would",
              "should", "do", "does", "did", "done", "doing", "have", "has", "had", "am", "been",
              "being", "get", "got", "getting", "please", "hi", "hello", "hey", "thanks", "thank",
              "help", "need", "want", "know", "tell", "so", "just", "some", "any", "all", "here",
              "still", "also", "very", "much", "many", "from", "about", "after", "before", "im",
              "i'm", "it's", "what's", "i've", "don't", "doesn't", "didn't", "isn't", "aren't",
              "can't", "cannot", "won't", "wasn't", "haven't", "hasn't", "there's", "yet",
              "anyone", "someone", "something", "anything", "way", "make", "go", "going", "see",
              "like", "now", "today", "again", "too", "ok", "okay", "guys", "them",
              "those", "than", "were", "hers", "him", "ours", "yours", "whom"),
          false);

  private MerchantAnalyzers() {}

  /** The analyzer articles are indexed with. */
  static Analyzer index() {
    return new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String fieldName) {
        StandardTokenizer tokenizer = new StandardTokenizer();
        return new TokenStreamComponents(tokenizer, new PorterStemFilter(base(tokenizer)));
      }
    };
  }

  /** The analyzer questions are searched with: the index analysis plus synonyms. */
  static Analyzer query(SynonymMap synonyms) {
    return new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String fieldName) {
        StandardTokenizer tokenizer = new StandardTokenizer();
        TokenStream stream = new SynonymGraphFilter(base(tokenizer), synonyms, true);
        return new TokenStreamComponents(tokenizer, new PorterStemFilter(stream));
      }
    };
  }

  /** Lower-cased, folded words before stemming: what spelling correction works on. */
  static Analyzer words() {
    return new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String fieldName) {
        StandardTokenizer tokenizer = new StandardTokenizer();
        TokenStream stream = new EnglishPossessiveFilter(tokenizer);
        stream = new LowerCaseFilter(stream);
        return new TokenStreamComponents(tokenizer, new ASCIIFoldingFilter(stream));
      }
    };
  }

  private static TokenStream base(StandardTokenizer tokenizer) {
    TokenStream stream = new EnglishPossessiveFilter(tokenizer);
    stream = new LowerCaseFilter(stream);
    stream = new ASCIIFoldingFilter(stream);
    return new StopFilter(stream, STOP_WORDS);
  }

  /** The synonyms file, parsed with the same pre-stemming analysis the questions get. */
  static SynonymMap synonyms(String resource) {
    try (InputStream in = MerchantAnalyzers.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the classpath");
      }
      Analyzer analyzer =
          new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
              StandardTokenizer tokenizer = new StandardTokenizer();
              return new TokenStreamComponents(tokenizer, base(tokenizer));
            }
          };
      SolrSynonymParser parser = new SolrSynonymParser(true, true, analyzer);
      parser.parse(new InputStreamReader(in, StandardCharsets.UTF_8));
      return parser.build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ParseException e) {
      throw new IllegalStateException(resource + " is not a valid synonyms file", e);
    }
  }
}
