package com.commercive.support.config;

import com.commercive.support.resources.TableNames;
import com.commercive.support.service.RateLimiter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every setting of the system, read from environment variables in this one place. Functions
 * call {@link #fromEnvironment()}; the local runner and tests pass their own map.
 */
public record SupportConfig(
    String awsRegion,
    Optional<URI> awsEndpoint,
    Optional<StaticCredentials> staticCredentials,
    TableNames tables,
    Optional<byte[]> jwtSecret,
    Optional<String> jwtSecretArn,
    Optional<URI> secretsManagerEndpoint,
    Optional<String> jwtIssuer,
    Optional<String> jwtAudience,
    java.time.Duration jwtMaxTimeToLive,
    List<String> corsAllowedOrigins,
    List<String> attachmentUrlPrefixes,
    String serviceName,
    String metricsNamespace,
    AiSettings ai,
    PipelineSettings pipeline,
    Limits limits) {

  public static final String DEFAULT_REGION = "us-east-1";
  public static final int MIN_JWT_SECRET_BYTES = 32;
  /** A day: tokens promising to live longer are refused (JWT_MAX_TTL, in seconds; 0 = no limit). */
  public static final long DEFAULT_JWT_MAX_TTL_SECONDS = 24 * 3600;

  /** Access keys given explicitly (local stand-ins); otherwise the default provider chain. */
  public record StaticCredentials(String accessKeyId, String secretAccessKey) {
    @Override
    public String toString() {
      return "StaticCredentials[accessKeyId=" + accessKeyId + ", secretAccessKey=***]";
    }
  }

  /** Which assistant answers, and how to reach the LLM providers. */
  public record AiSettings(
      AiProvider provider,
      String bedrockModelId,
      Optional<URI> bedrockEndpoint,
      Optional<URI> openAiBaseUrl,
      Optional<String> openAiApiKey,
      Optional<String> openAiModel,
      java.time.Duration timeout,
      int maxAttempts) {

    public static final String DEFAULT_BEDROCK_MODEL = "anthropic.claude-3-5-haiku-20241022-v1:0";

    @Override
    public String toString() {
      return "AiSettings[provider=" + provider + ", bedrockModelId=" + bedrockModelId
          + ", openAiBaseUrl=" + openAiBaseUrl + ", openAiModel=" + openAiModel
          + ", openAiApiKey=" + (openAiApiKey.isPresent() ? "***" : "none")
          + ", timeout=" + timeout + ", maxAttempts=" + maxAttempts + "]";
    }
  }

  /** Per-hour abuse limits (0 turns one off). */
  public record Limits(
      int aiRequestsPerUser, int autoRepliesPerUser, int ticketsPerUser, int emailsPerTicket, int messagesPerUser) {
    /** Each limit's allowance per hour, as the rate limiter counts them. */
    public java.util.Map<RateLimiter.Limit, Integer> perHour() {
      return java.util.Map.of(
          RateLimiter.Limit.AI_REQUESTS, aiRequestsPerUser,
          RateLimiter.Limit.AUTO_REPLIES, autoRepliesPerUser,
          RateLimiter.Limit.TICKETS, ticketsPerUser,
          RateLimiter.Limit.EMAILS_PER_TICKET, emailsPerTicket,
          RateLimiter.Limit.MESSAGES, messagesPerUser);
    }
  }

  /** The asynchronous half: queues, auto-reply rules, email. */
  public record PipelineSettings(
      Optional<String> aiJobsQueueUrl,
      Optional<String> notificationsQueueUrl,
      Optional<URI> sqsEndpoint,
      Optional<URI> sesEndpoint,
      boolean autoReplyEnabled,
      int maxAiRepliesPerTicket,
      java.time.Duration burstSettle,
      List<String> adminEmails,
      URI frontendUrl,
      String senderAddress) {

    public String aiJobsQueue() {
      return aiJobsQueueUrl.orElseThrow(() -> new IllegalArgumentException("AI_JOBS_QUEUE_URL is not set"));
    }

    public String notificationsQueue() {
      return notificationsQueueUrl.orElseThrow(
          () -> new IllegalArgumentException("NOTIFICATIONS_QUEUE_URL is not set"));
    }
  }

  /** {@code AI_PROVIDER}: the knowledge base alone (default), or an LLM grounded in it. */
  public enum AiProvider {
    KNOWLEDGE_BASE("knowledge-base"),
    BEDROCK("bedrock"),
    OPENAI("openai");

    private final String setting;

    AiProvider(String setting) {
      this.setting = setting;
    }

    public String setting() {
      return setting;
    }

    static AiProvider fromSetting(String value) {
      for (AiProvider provider : values()) {
        if (provider.setting.equals(value)) {
          return provider;
        }
      }
      throw new IllegalArgumentException(
          "AI_PROVIDER must be knowledge-base, bedrock or openai, not " + value);
    }
  }

  public static SupportConfig fromEnvironment() {
    return from(System.getenv());
  }

  /**
   * Reads and checks the configuration.
   *
   * @throws IllegalArgumentException naming the setting that is missing or invalid
   */
  public static SupportConfig from(Map<String, String> env) {
    TableNames defaults = TableNames.defaults();
    TableNames tables =
        new TableNames(
            tableName(env, "TICKETS_TABLE", defaults.tickets()),
            tableName(env, "MESSAGES_TABLE", defaults.messages()),
            tableName(env, "USERS_TABLE", defaults.users()),
            tableName(env, "IDEMPOTENCY_TABLE", defaults.idempotency()));

    Optional<byte[]> secretBytes =
        value(env, "JWT_SECRET").map(secret -> checkedSecret(secret.getBytes(StandardCharsets.UTF_8)));

    Optional<URI> endpoint =
        value(env, "AWS_ENDPOINT_URL_DYNAMODB")
            .or(() -> value(env, "AWS_ENDPOINT_URL"))
            .map(SupportConfig::endpoint);
    // Credentials for stand-ins behind an endpoint override (they accept any key); a client
    // without an override always uses the default provider chain (see AwsClients).
    Optional<StaticCredentials> credentials = Optional.empty();
    boolean anyOverride = env.keySet().stream().anyMatch(k -> k.startsWith("AWS_ENDPOINT_URL"));
    if (anyOverride) {
      credentials =
          Optional.of(
              new StaticCredentials(
                  value(env, "AWS_ACCESS_KEY_ID").orElse("local"),
                  value(env, "AWS_SECRET_ACCESS_KEY").orElse("local")));
    }

    List<String> origins = list(env, "CORS_ALLOWED_ORIGINS");
    if (origins.contains("*") && origins.size() > 1) {
      throw new IllegalArgumentException(
          "CORS_ALLOWED_ORIGINS is either * alone or a list of origins, not both");
    }
    List<String> prefixes = list(env, "ATTACHMENT_URL_PREFIXES");
    for (String prefix : prefixes) {
      if (!prefix.startsWith("https://")) {
        throw new IllegalArgumentException("ATTACHMENT_URL_PREFIXES entries must start https://");
      }
    }

    return new SupportConfig(
        region(env),
        endpoint,
        credentials,
        tables,
        secretBytes,
        value(env, "JWT_SECRET_ARN"),
        value(env, "AWS_ENDPOINT_URL_SECRETS_MANAGER").or(() -> value(env, "AWS_ENDPOINT_URL"))
            .map(SupportConfig::endpoint),
        value(env, "JWT_ISSUER"),
        value(env, "JWT_AUDIENCE"),
        java.time.Duration.ofSeconds(number(env, "JWT_MAX_TTL", DEFAULT_JWT_MAX_TTL_SECONDS, 0, 366L * 24 * 3600)),
        origins,
        prefixes,
        value(env, "POWERTOOLS_SERVICE_NAME").orElse(null),
        value(env, "POWERTOOLS_METRICS_NAMESPACE").orElse(null),
        ai(env),
        pipeline(env),
        new Limits(
            (int) number(env, "AI_REQUESTS_PER_USER_PER_HOUR", 30, 0, 1_000_000),
            (int) number(env, "AI_AUTO_REPLIES_PER_USER_PER_HOUR", 20, 0, 1_000_000),
            (int) number(env, "TICKETS_PER_USER_PER_HOUR", 20, 0, 1_000_000),
            (int) number(env, "EMAILS_PER_TICKET_PER_HOUR", 30, 0, 1_000_000),
            (int) number(env, "MESSAGES_PER_USER_PER_HOUR", 120, 0, 1_000_000)));
  }

  private static PipelineSettings pipeline(Map<String, String> env) {
    String autoReply = value(env, "AUTO_REPLY_ENABLED").orElse("true");
    if (!autoReply.equals("true") && !autoReply.equals("false")) {
      throw new IllegalArgumentException("AUTO_REPLY_ENABLED must be true or false");
    }
    List<String> admins = list(env, "ADMIN_NOTIFICATION_EMAILS");
    for (String admin : admins) {
      if (!admin.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
        throw new IllegalArgumentException("ADMIN_NOTIFICATION_EMAILS holds an invalid address");
      }
    }
    String frontend = value(env, "FRONTEND_URL").orElse("http://localhost:3000");
    return new PipelineSettings(
        value(env, "AI_JOBS_QUEUE_URL"),
        value(env, "NOTIFICATIONS_QUEUE_URL"),
        value(env, "AWS_ENDPOINT_URL_SQS").or(() -> value(env, "AWS_ENDPOINT_URL")).map(SupportConfig::endpoint),
        value(env, "AWS_ENDPOINT_URL_SES").or(() -> value(env, "AWS_ENDPOINT_URL")).map(SupportConfig::endpoint),
        Boolean.parseBoolean(autoReply),
        (int) number(env, "AI_MAX_REPLIES_PER_TICKET", 5, 0, 1_000),
        java.time.Duration.ofMillis(number(env, "AI_BURST_SETTLE_MS", 300, 0, 10_000)),
        admins,
        endpoint(frontend.endsWith("/") ? frontend.substring(0, frontend.length() - 1) : frontend),
        value(env, "SES_FROM_ADDRESS").orElse("Commercive Support <support@commercive.com>"));
  }

  /** How the functions log: the level of the application's loggers and the service's name. */
  public record LogSettings(String level, Optional<String> serviceName) {}

  /**
   * Read apart from {@link #fromEnvironment(Map)} because logging starts before anything else:
   * {@code LOG_LEVEL}, else the level Lambda's logging controls set ({@code AWS_LAMBDA_LOG_LEVEL}),
   * else INFO; the service name from {@code POWERTOOLS_SERVICE_NAME}.
   */
  public static LogSettings logSettings(Map<String, String> env) {
    return new LogSettings(
        value(env, "LOG_LEVEL").or(() -> value(env, "AWS_LAMBDA_LOG_LEVEL")).orElse("INFO"),
        value(env, "POWERTOOLS_SERVICE_NAME"));
  }

  /**
   * The token-signing secret; only the API needs it.
   *
   * @throws IllegalArgumentException when neither JWT_SECRET nor a resolved JWT_SECRET_ARN gave one
   */
  public byte[] requireJwtSecret() {
    return jwtSecret.orElseThrow(() -> new IllegalArgumentException(
        "JWT_SECRET (or JWT_SECRET_ARN) must be set to at least " + MIN_JWT_SECRET_BYTES + " bytes"));
  }

  /** This configuration with the secret fetched from {@code jwtSecretArn}. */
  public SupportConfig withJwtSecret(byte[] secret) {
    return new SupportConfig(awsRegion, awsEndpoint, staticCredentials, tables,
        Optional.of(checkedSecret(secret)), jwtSecretArn, secretsManagerEndpoint, jwtIssuer, jwtAudience, jwtMaxTimeToLive, corsAllowedOrigins,
        attachmentUrlPrefixes, serviceName, metricsNamespace, ai, pipeline, limits);
  }

  private static byte[] checkedSecret(byte[] secret) {
    if (secret.length < MIN_JWT_SECRET_BYTES) {
      throw new IllegalArgumentException(
          "JWT_SECRET must be set to at least " + MIN_JWT_SECRET_BYTES + " bytes");
    }
    return secret;
  }

  private static String region(Map<String, String> env) {
    return value(env, "AWS_REGION").or(() -> value(env, "AWS_DEFAULT_REGION")).orElse(DEFAULT_REGION);
  }

  private static AiSettings ai(Map<String, String> env) {
    AiProvider provider =
        AiProvider.fromSetting(value(env, "AI_PROVIDER").orElse(AiProvider.KNOWLEDGE_BASE.setting()));
    Optional<URI> openAiBaseUrl = value(env, "OPENAI_BASE_URL").map(SupportConfig::endpoint);
    Optional<String> openAiModel = value(env, "OPENAI_MODEL");
    if (provider == AiProvider.OPENAI && (openAiBaseUrl.isEmpty() || openAiModel.isEmpty())) {
      throw new IllegalArgumentException(
          "AI_PROVIDER=openai needs OPENAI_BASE_URL (up to and including /v1) and OPENAI_MODEL");
    }
    long timeoutMs = number(env, "AI_TIMEOUT_MS", 8_000, 100, 120_000);
    int attempts = (int) number(env, "AI_MAX_ATTEMPTS", 3, 1, 10);
    return new AiSettings(
        provider,
        value(env, "BEDROCK_MODEL_ID").orElse(AiSettings.DEFAULT_BEDROCK_MODEL),
        value(env, "AWS_ENDPOINT_URL_BEDROCK_RUNTIME")
            .or(() -> value(env, "AWS_ENDPOINT_URL"))
            .map(SupportConfig::endpoint),
        openAiBaseUrl,
        value(env, "OPENAI_API_KEY"),
        openAiModel,
        java.time.Duration.ofMillis(timeoutMs),
        attempts);
  }

  private static long number(Map<String, String> env, String name, long fallback, long min, long max) {
    Optional<String> raw = value(env, name);
    if (raw.isEmpty()) {
      return fallback;
    }
    try {
      long parsed = Long.parseLong(raw.get());
      if (parsed < min || parsed > max) {
        throw new NumberFormatException();
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number from " + min + " to " + max);
    }
  }

  private static Optional<String> value(Map<String, String> env, String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  private static String tableName(Map<String, String> env, String name, String fallback) {
    String table = value(env, name).orElse(fallback);
    if (!table.matches("[A-Za-z0-9_.-]{3,255}")) {
      throw new IllegalArgumentException(name + " is not a valid DynamoDB table name");
    }
    return table;
  }

  private static List<String> list(Map<String, String> env, String name) {
    return value(env, name)
        .map(v -> Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList())
        .orElse(List.of());
  }

  private static URI endpoint(String value) {
    URI uri = URI.create(value);
    if (uri.getScheme() == null || uri.getHost() == null) {
      throw new IllegalArgumentException("AWS_ENDPOINT_URL must be an absolute http(s) URL");
    }
    return uri;
  }

  @Override
  public String toString() {
    return "SupportConfig[region=" + awsRegion + ", endpoint=" + awsEndpoint + ", tables=" + tables
        + ", corsAllowedOrigins=" + corsAllowedOrigins + ", ai=" + ai + "]";
  }
}
