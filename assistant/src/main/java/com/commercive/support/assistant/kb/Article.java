package com.commercive.support.assistant.kb;

import com.commercive.support.assistant.Source;
import com.commercive.support.assistant.Topic;
import java.util.List;

/** A help article: an id, a title, one topic, search tags and its sections in order. */
public record Article(String id, String title, Topic topic, String tags, List<Section> sections) {
  public Article {
    sections = List.copyOf(sections);
  }

  /** One part of an article under a heading; the first part's heading is the article's title. */
  public record Section(String heading, String text) {}

  public Source source() {
    return new Source(id, title);
  }
}
