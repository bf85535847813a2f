package com.commercive.support.config;

import static com.commercive.support.resources.EnvironmentVariables.ADMIN_NOTIFICATION_EMAILS;
import static com.commercive.support.resources.EnvironmentVariables.FRONTEND_URL;
import static com.commercive.support.resources.EnvironmentVariables.INBOUND_EMAIL_DOMAIN;
import static com.commercive.support.resources.EnvironmentVariables.REPLY_ADDRESS_PREVIOUS_SECRET;
import static com.commercive.support.resources.EnvironmentVariables.REPLY_ADDRESS_SECRET;
import static com.commercive.support.resources.EnvironmentVariables.SES_FROM_ADDRESS;

import com.commercive.support.email.ReplyAddresses;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The notifier's emails: who on the team gets them ({@code ADMIN_NOTIFICATION_EMAILS}), the app
 * their links lead to ({@code FRONTEND_URL}), the sender ({@code SES_FROM_ADDRESS}), and, when
 * replies by email are set up ({@code INBOUND_EMAIL_DOMAIN} with {@code REPLY_ADDRESS_SECRET}, and
 * {@code REPLY_ADDRESS_PREVIOUS_SECRET} after a rotation), the reply addresses they carry.
 */
public record EmailSettings(List<String> adminEmails, URI frontendUrl, String senderAddress,
    Optional<ReplyAddresses> replyAddresses) {
  public EmailSettings(List<String> adminEmails, URI frontendUrl, String senderAddress) {
    this(adminEmails, frontendUrl, senderAddress, Optional.empty());
  }

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
        env.value(SES_FROM_ADDRESS).orElse("Commercive Support <support@commercive.com>"),
        replyAddresses(env));
  }

  private static Optional<ReplyAddresses> replyAddresses(Environment env) {
    Optional<String> domain = env.value(INBOUND_EMAIL_DOMAIN);
    Optional<String> secret = env.value(REPLY_ADDRESS_SECRET);
    if (domain.isEmpty() || secret.isEmpty()) {
      return Optional.empty();
    }
    if (!domain.get().matches("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+")) {
      throw new IllegalArgumentException("INBOUND_EMAIL_DOMAIN must be a domain name, e.g. support.example.com");
    }
    List<byte[]> keys = new ArrayList<>();
    keys.add(secret.get().getBytes(StandardCharsets.UTF_8));
    env.value(REPLY_ADDRESS_PREVIOUS_SECRET).ifPresent(previous -> keys.add(previous.getBytes(StandardCharsets.UTF_8)));
    try {
      return Optional.of(new ReplyAddresses(domain.get(), keys));
    } catch (IllegalArgumentException tooShort) {
      throw new IllegalArgumentException("REPLY_ADDRESS_SECRET (and the previous one) must be at least 32 bytes");
    }
  }
}
