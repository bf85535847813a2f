package com.commercive.support.resources;

/**
 * The names of the environment variables the functions read: what the settings in
 * {@code lambda-runtime} read, what the stack and the local runner set, and what the catalogue's
 * functions list. A variable means the same thing for every function that reads it.
 */
public final class EnvironmentVariables {
  // The tables' names (see TableSettings).
  public static final String TICKETS_TABLE = "TICKETS_TABLE";
  public static final String MESSAGES_TABLE = "MESSAGES_TABLE";
  public static final String USERS_TABLE = "USERS_TABLE";
  public static final String IDEMPOTENCY_TABLE = "IDEMPOTENCY_TABLE";
  public static final String CANNED_RESPONSES_TABLE = "CANNED_RESPONSES_TABLE";
  public static final String AGENTS_TABLE = "AGENTS_TABLE";
  public static final String ATTACHMENTS_TABLE = "ATTACHMENTS_TABLE";
  public static final String CONNECTIONS_TABLE = "CONNECTIONS_TABLE";
  public static final String METRICS_TABLE = "METRICS_TABLE";

  // The queues the stream processor sends to.
  public static final String AI_JOBS_QUEUE_URL = "AI_JOBS_QUEUE_URL";
  public static final String NOTIFICATIONS_QUEUE_URL = "NOTIFICATIONS_QUEUE_URL";

  // Attachments.
  public static final String ATTACHMENTS_BUCKET = "ATTACHMENTS_BUCKET";
  public static final String ATTACHMENT_CONTENT_TYPES = "ATTACHMENT_CONTENT_TYPES";
  public static final String ATTACHMENT_MAX_BYTES = "ATTACHMENT_MAX_BYTES";
  public static final String ATTACHMENT_MALWARE_SCAN = "ATTACHMENT_MALWARE_SCAN";

  // The API and its tokens.
  public static final String CORS_ALLOWED_ORIGINS = "CORS_ALLOWED_ORIGINS";
  public static final String ATTACHMENT_URL_PREFIXES = "ATTACHMENT_URL_PREFIXES";
  /** The signing secret itself: local runs and tests only; on AWS the functions get its ARN. */
  public static final String JWT_SECRET = "JWT_SECRET";
  public static final String JWT_SECRET_ARN = "JWT_SECRET_ARN";
  public static final String JWT_ISSUER = "JWT_ISSUER";
  public static final String JWT_AUDIENCE = "JWT_AUDIENCE";
  public static final String JWT_MAX_TTL = "JWT_MAX_TTL";

  // The assistant and its automatic replies.
  public static final String AI_PROVIDER = "AI_PROVIDER";
  public static final String BEDROCK_MODEL_ID = "BEDROCK_MODEL_ID";
  public static final String OPENAI_BASE_URL = "OPENAI_BASE_URL";
  public static final String OPENAI_MODEL = "OPENAI_MODEL";
  public static final String OPENAI_API_KEY = "OPENAI_API_KEY";
  public static final String AI_TIMEOUT_MS = "AI_TIMEOUT_MS";
  public static final String AI_MAX_ATTEMPTS = "AI_MAX_ATTEMPTS";
  /** The knowledge base's confidence below which the assistant hands a message to a person (0 to 1). */
  public static final String ASSISTANT_HANDOFF_THRESHOLD = "ASSISTANT_HANDOFF_THRESHOLD";
  public static final String AUTO_REPLY_ENABLED = "AUTO_REPLY_ENABLED";
  public static final String AI_MAX_REPLIES_PER_TICKET = "AI_MAX_REPLIES_PER_TICKET";
  public static final String AI_BURST_SETTLE_MS = "AI_BURST_SETTLE_MS";
  public static final String AUTO_ASSIGN = "AUTO_ASSIGN";

  // The notifier's emails.
  public static final String ADMIN_NOTIFICATION_EMAILS = "ADMIN_NOTIFICATION_EMAILS";
  public static final String FRONTEND_URL = "FRONTEND_URL";
  public static final String SES_FROM_ADDRESS = "SES_FROM_ADDRESS";
  /** Replies by email: the domain whose mail comes to the inbound path (reply addresses live under it). */
  public static final String INBOUND_EMAIL_DOMAIN = "INBOUND_EMAIL_DOMAIN";
  /** The key that signs reply addresses: local runs and tests only, like JWT_SECRET. */
  public static final String REPLY_ADDRESS_SECRET = "REPLY_ADDRESS_SECRET";
  /** The key before the last rotation: reply addresses it signed are still taken. */
  public static final String REPLY_ADDRESS_PREVIOUS_SECRET = "REPLY_ADDRESS_PREVIOUS_SECRET";
  /** On AWS: the secret holding the reply key (its AWSCURRENT version signs, its AWSPREVIOUS still verifies). */
  public static final String REPLY_ADDRESS_SECRET_ARN = "REPLY_ADDRESS_SECRET_ARN";

  // Live updates.
  public static final String REALTIME_URL = "REALTIME_URL";
  public static final String REALTIME_ENDPOINT = "REALTIME_ENDPOINT";

  // Abuse limits per hour (0 turns one off).
  public static final String AI_REQUESTS_PER_USER_PER_HOUR = "AI_REQUESTS_PER_USER_PER_HOUR";
  public static final String AI_AUTO_REPLIES_PER_USER_PER_HOUR = "AI_AUTO_REPLIES_PER_USER_PER_HOUR";
  public static final String TICKETS_PER_USER_PER_HOUR = "TICKETS_PER_USER_PER_HOUR";
  public static final String EMAILS_PER_TICKET_PER_HOUR = "EMAILS_PER_TICKET_PER_HOUR";
  public static final String MESSAGES_PER_USER_PER_HOUR = "MESSAGES_PER_USER_PER_HOUR";
  public static final String UPLOADS_PER_USER_PER_HOUR = "UPLOADS_PER_USER_PER_HOUR";
  public static final String REALTIME_TOKENS_PER_USER_PER_MINUTE = "REALTIME_TOKENS_PER_USER_PER_MINUTE";
  public static final String REALTIME_CONNECTIONS_PER_USER = "REALTIME_CONNECTIONS_PER_USER";
  public static final String SLA_FIRST_RESPONSE_MINUTES = "SLA_FIRST_RESPONSE_MINUTES";
  public static final String SLA_RESOLUTION_HOURS = "SLA_RESOLUTION_HOURS";
  public static final String AUTO_CLOSE_AFTER = "AUTO_CLOSE_AFTER";
  /** Local runner only: how often it fires the sweep (the stack's schedule fires it every minute). */
  public static final String SWEEP_INTERVAL_SECONDS = "SWEEP_INTERVAL_SECONDS";

  // Logs, metrics and the JVM: the stack sets these on every function.
  public static final String LOG_LEVEL = "LOG_LEVEL";
  /** The level Lambda's logging controls set; {@link #LOG_LEVEL} wins over it. */
  public static final String AWS_LAMBDA_LOG_LEVEL = "AWS_LAMBDA_LOG_LEVEL";
  public static final String POWERTOOLS_SERVICE_NAME = "POWERTOOLS_SERVICE_NAME";
  public static final String POWERTOOLS_METRICS_NAMESPACE = "POWERTOOLS_METRICS_NAMESPACE";
  public static final String JAVA_TOOL_OPTIONS = "JAVA_TOOL_OPTIONS";

  // Where AWS is: Lambda sets the region; local runs and tests set the endpoints and keys.
  public static final String AWS_REGION = "AWS_REGION";
  public static final String AWS_DEFAULT_REGION = "AWS_DEFAULT_REGION";
  public static final String AWS_ACCESS_KEY_ID = "AWS_ACCESS_KEY_ID";
  public static final String AWS_SECRET_ACCESS_KEY = "AWS_SECRET_ACCESS_KEY";
  /** Every service's endpoint, unless its own variable below names another. */
  public static final String AWS_ENDPOINT_URL = "AWS_ENDPOINT_URL";
  public static final String AWS_ENDPOINT_URL_DYNAMODB = "AWS_ENDPOINT_URL_DYNAMODB";
  public static final String AWS_ENDPOINT_URL_SQS = "AWS_ENDPOINT_URL_SQS";
  public static final String AWS_ENDPOINT_URL_SES = "AWS_ENDPOINT_URL_SES";
  public static final String AWS_ENDPOINT_URL_S3 = "AWS_ENDPOINT_URL_S3";
  public static final String AWS_ENDPOINT_URL_SECRETS_MANAGER = "AWS_ENDPOINT_URL_SECRETS_MANAGER";
  public static final String AWS_ENDPOINT_URL_BEDROCK_RUNTIME = "AWS_ENDPOINT_URL_BEDROCK_RUNTIME";

  private EnvironmentVariables() {}
}
