package com.commercive.support.config;

import static com.commercive.support.resources.EnvironmentVariables.ADMIN_NOTIFICATION_EMAILS;
import static com.commercive.support.resources.EnvironmentVariables.FRONTEND_URL;
import static com.commercive.support.resources.EnvironmentVariables.INBOUND_EMAIL_DOMAIN;
import static com.commercive.support.resources.EnvironmentVariables.REPLY_ADDRESS_PREVIOUS_SECRET;
import static com.commercive.support.resources.EnvironmentVariables.REPLY_ADDRESS_SECRET;
import static com.commercive.support.resources.EnvironmentVariables.REPLY_ADDRESS_SECRET_ARN;
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
 * {@code REPLY_ADDRESS_PREVIOUS_SECRET} after a rotation; on AWS the key's secret,
 * {@code REPLY_ADDRESS_SECRET_ARN}, read at start), the reply addresses they carry.
 */
public record EmailSettings(List<String> adminEmails, URI frontendUrl, String senderAddress,
    Optional<ReplyAddresses> replyAddresses, Optional<String> inboundDomain, Optional<String> replySecretArn) {
  public EmailSettings(List<String> adminEmails, URI frontendUrl, String senderAddress) {
    this(adminEmails, frontendUrl, senderAddress, Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** Whether the reply key is still to be read from its secret (on AWS, before the first request). */
  public boolean replyKeysPending() {
    return replyAddresses.isEmpty() && inboundDomain.isPresent() && replySecretArn.isPresent();
  }

  /**
   * These settings with the reply addresses signed by {@code keys} (the current key first, then the
   * previous one while it is kept), read from {@code replySecretArn}.
   *
   * @throws IllegalArgumentException a key shorter than 32 bytes
   */
  public EmailSettings withReplyKeys(List<byte[]> keys) {
    return new EmailSettings(adminEmails, frontendUrl, senderAddress,
        Optional.of(replyAddresses(inboundDomain.orElseThrow(), keys)), inboundDomain, replySecretArn);
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
        replyAddresses(env), env.value(INBOUND_EMAIL_DOMAIN).map(EmailSettings::checkedDomain),
        env.value(REPLY_ADDRESS_SECRET_ARN));
  }

  private static Optional<ReplyAddresses> replyAddresses(Environment env) {
    Optional<String> domain = env.value(INBOUND_EMAIL_DOMAIN);
    Optional<String> secret = env.value(REPLY_ADDRESS_SECRET);
    if (domain.isEmpty() || secret.isEmpty()) {
      return Optional.empty();
    }
    List<byte[]> keys = new ArrayList<>();
    keys.add(secret.get().getBytes(StandardCharsets.UTF_8));
    env.value(REPLY_ADDRESS_PREVIOUS_SECRET).ifPresent(previous -> keys.add(previous.getBytes(StandardCharsets.UTF_8)));
    return Optional.of(replyAddresses(checkedDomain(domain.get()), keys));
  }

  private static ReplyAddresses replyAddresses(String domain, List<byte[]> keys) {
    try {
      return new ReplyAddresses(domain, keys);
    } catch (IllegalArgumentException tooShort) {
      throw new IllegalArgumentException("REPLY_ADDRESS_SECRET (and the previous one) must be at least 32 bytes");
    }
  }

  private static String checkedDomain(String domain) {
    if (!domain.matches("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+")) {
      throw new IllegalArgumentException("INBOUND_EMAIL_DOMAIN must be a domain name, e.g. support.example.com");
    }
    return domain;
  }
}
