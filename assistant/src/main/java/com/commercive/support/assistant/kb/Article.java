package com.commercive.support.assistant.kb;

import com.commercive.support.assistant.Source;
import com.commercive.support.assistant.Topic;
import java.util.List;

/** A help article: an id, a title, one topic, search tags and its sections in order. */
public record Article(String id, String title, Topic topic, String tags, List<Section> sections) {
  public Article {
    sections = List.copyOf(sections);
  }

  /**
   * One part of an article under a heading; the first part's heading is the article's title.
   * {@code asks} are questions it answers in merchants' own words, written by the article's author
   * (in the Markdown as {@code <!-- asks: first question | second question -->}, invisible when
   * the article is shown): they let a question match a section that words it differently.
   */
  public record Section(String heading, String text, List<String> asks) {
    public Section {
      asks = List.copyOf(asks);
    }

    public Section(String heading, String text) {
      this(heading, text, List.of());
    }
  }

  public Source source() {
    return new Source(id, title);
  }
}
