package com.commercive.support.domain;

/** A Commercive user as read from the shared users table; name and email may be missing. */
public record User(String userId, String name, String email, String role) {
  public boolean admin() {
    return "admin".equals(role);
  }
}
