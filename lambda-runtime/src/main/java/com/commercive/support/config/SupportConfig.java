package com.commercive.support.config;

import com.commercive.support.resources.TableNames;
import java.util.Map;

/**
 * The system's settings, one record per concern, each read from the environment in its own
 * {@code from(Environment)}. Functions call {@link #fromEnvironment()}; the local runner and the
 * tests pass their own map. Reading fails at start, naming the variable, when a value cannot be used.
 */
public record SupportConfig(
    AwsSettings aws,
    TableNames tables,
    JwtSettings jwt,
    ApiSettings api,
    AiSettings ai,
    QueueSettings queues,
    AutoReplySettings autoReplies,
    EmailSettings email,
    RateLimits limits,
    MetricsSettings metrics,
    AssignmentSettings assignment,
    AttachmentSettings attachments,
    RealtimeSettings realtime,
    ServiceLevelSettings serviceLevels) {

  public static SupportConfig fromEnvironment() {
    return from(System.getenv());
  }

  /**
   * Reads and checks the configuration.
   *
   * @throws IllegalArgumentException naming the setting that is missing or invalid
   */
  public static SupportConfig from(Map<String, String> variables) {
    Environment env = new Environment(variables);
    return new SupportConfig(
        AwsSettings.from(env),
        TableSettings.from(env),
        JwtSettings.from(env),
        ApiSettings.from(env),
        AiSettings.from(env),
        QueueSettings.from(env),
        AutoReplySettings.from(env),
        EmailSettings.from(env),
        RateLimits.from(env),
        MetricsSettings.from(env),
        AssignmentSettings.from(env),
        AttachmentSettings.from(env),
        RealtimeSettings.from(env),
        ServiceLevelSettings.from(env));
  }

  /** This configuration with the token secret fetched from {@code jwt().secretArn()}. */
  /** This configuration with the reply addresses signed by {@code keys}, read from their secret. */
  public SupportConfig withReplyKeys(java.util.List<byte[]> keys) {
    return new SupportConfig(aws, tables, jwt, api, ai, queues, autoReplies, email.withReplyKeys(keys), limits, metrics,
        assignment, attachments, realtime, serviceLevels);
  }

  public SupportConfig withJwtSecret(byte[] secret) {
    return new SupportConfig(aws, tables, jwt.withSecret(secret), api, ai, queues, autoReplies, email, limits, metrics,
        assignment, attachments, realtime, serviceLevels);
  }
}
