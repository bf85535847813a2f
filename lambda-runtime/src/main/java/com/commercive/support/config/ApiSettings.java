package com.commercive.support.config;

import static com.commercive.support.resources.EnvironmentVariables.ATTACHMENT_URL_PREFIXES;
import static com.commercive.support.resources.EnvironmentVariables.CORS_ALLOWED_ORIGINS;

import java.util.List;

/**
 * What the API accepts from browsers and in messages: the origins allowed by CORS
 * ({@code CORS_ALLOWED_ORIGINS}: {@code *} alone or a list) and the https prefixes an
 * {@code attachment_url} may start with ({@code ATTACHMENT_URL_PREFIXES}).
 */
public record ApiSettings(List<String> corsAllowedOrigins, List<String> attachmentUrlPrefixes) {
  public static ApiSettings from(Environment env) {
    List<String> origins = env.list(CORS_ALLOWED_ORIGINS);
    if (origins.contains("*") && origins.size() > 1) {
      throw new IllegalArgumentException("CORS_ALLOWED_ORIGINS is either * alone or a list of origins, not both");
    }
    List<String> prefixes = env.list(ATTACHMENT_URL_PREFIXES);
    for (String prefix : prefixes) {
      if (!prefix.startsWith("https://")) {
        throw new IllegalArgumentException("ATTACHMENT_URL_PREFIXES entries must start https://");
      }
    }
    return new ApiSettings(origins, prefixes);
  }
}
