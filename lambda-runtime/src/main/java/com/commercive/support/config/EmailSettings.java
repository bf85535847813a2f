package com.commercive.support.config;

import static com.commercive.support.resources.EnvironmentVariables.ADMIN_NOTIFICATION_EMAILS;
import static com.commercive.support.resources.EnvironmentVariables.FRONTEND_URL;
import static com.commercive.support.resources.EnvironmentVariables.SES_FROM_ADDRESS;

import java.net.URI;
import java.util.List;

/**
 * The notifier's emails: who on the team gets them ({@code ADMIN_NOTIFICATION_EMAILS}), the app
 * their links lead to ({@code FRONTEND_URL}) and the sender ({@code SES_FROM_ADDRESS}).
 */
public record EmailSettings(List<String> adminEmails, URI frontendUrl, String senderAddress) {
  public static EmailSettings from(Environment env) {
    List<String> admins = env.list(ADMIN_NOTIFICATION_EMAILS);
    for (String admin : admins) {
      if (!admin.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
        throw new IllegalArgumentException("ADMIN_NOTIFICATION_EMAILS holds an invalid address");
      }
    }
    String frontend = env.value(FRONTEND_URL).orElse("http://localhost:3000");
    return new EmailSettings(
        admins,
        Environment.url(FRONTEND_URL, frontend.endsWith("/") ? frontend.substring(0, frontend.length() - 1) : frontend),
        env.value(SES_FROM_ADDRESS).orElse("Commercive Support <support@commercive.com>"));
  }
}
