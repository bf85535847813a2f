package com.commercive.support.domain;

import java.time.Instant;
import java.util.Objects;

/** A merchant's rating of how a closed ticket went: 1 to 5, with an optional comment. */
public record Satisfaction(int rating, String comment, Instant ratedAt) {
  public static final int MAX_COMMENT = 2_000;

  public Satisfaction {
    if (rating < 1 || rating > 5) {
      throw new IllegalArgumentException("a rating is 1 to 5");
    }
    Objects.requireNonNull(ratedAt, "ratedAt");
  }

  /** What the metrics count as satisfied: 4 or 5. */
  public boolean satisfied() {
    return rating >= 4;
  }
}
