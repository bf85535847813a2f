package com.commercive.support.domain;

import java.util.Set;

/**
 * Which stored versions of a ticket an edit may apply to, as HTTP's {@code If-Match} says: any
 * (no header, or {@code *}), or one of a set of versions; an empty set admits none (every tag
 * sent was weak or not one of ours), and the edit is refused as stale.
 */
public record VersionCondition(Set<Long> versions) {
  public VersionCondition {
    versions = versions == null ? null : Set.copyOf(versions);
  }

  public static VersionCondition any() {
    return new VersionCondition(null);
  }

  public static VersionCondition exactly(long version) {
    return new VersionCondition(Set.of(version));
  }

  public static VersionCondition oneOf(Set<Long> versions) {
    return new VersionCondition(versions);
  }

  public boolean admits(long version) {
    return versions == null || versions.contains(version);
  }
}
