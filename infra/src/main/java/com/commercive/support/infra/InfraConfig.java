package com.commercive.support.infra;

import java.util.Arrays;
import java.util.List;
import software.constructs.Node;

/**
 * The stack's settings, from CDK context ({@code cdk deploy -c stage=prod -c adminEmails=...}),
 * with defaults that deploy a working stack. GuardDuty Malware Protection scans the attachments
 * bucket's uploads (a file is ready only once scanned clean) unless {@code malwareScan=false}.
 * Replies by email are on when {@code inboundEmailDomain} names the domain whose mail SES receives.
 * {@code assistantHandoffThreshold} (0 to 1) sets the assistant's handoff threshold; unset, the calibrated one.
 */
public record InfraConfig(
    String stage,
    List<String> allowedOrigins,
    List<String> adminEmails,
    String aiProvider,
    String bedrockModelId,
    String frontendUrl,
    String sesIdentity,
    String senderAddress,
    String existingUsersTable,
    String existingJwtSecretArn,
    EntryPoint entryPoint,
    String alarmEmail,
    boolean malwareScan,
    String slaFirstResponseMinutes,
    String slaResolutionHours,
    String autoCloseAfter,
    String inboundEmailDomain,
    String assistantHandoffThreshold) {

  /** {@code high:60,medium:240,low:1440}: each priority with a whole number (the functions check the rest at start). */
  private static final String TARGETS = "(?:(?:high|medium|low):[1-9][0-9]{0,6},){2}(?:high|medium|low):[1-9][0-9]{0,6}";

  public enum EntryPoint {
    HTTP_API,
    FUNCTION_URL
  }

  public static InfraConfig from(Node node) {
    String provider = text(node, "aiProvider", "knowledge-base");
    if (!List.of("knowledge-base", "bedrock", "openai").contains(provider)) {
      throw new IllegalArgumentException("aiProvider must be knowledge-base, bedrock or openai");
    }
    String entry = text(node, "entryPoint", "http-api");
    EntryPoint entryPoint = switch (entry) {
      case "http-api" -> EntryPoint.HTTP_API;
      case "function-url" -> EntryPoint.FUNCTION_URL;
      default -> throw new IllegalArgumentException("entryPoint must be http-api or function-url");
    };
    String stage = text(node, "stage", "dev");
    if (!stage.matches("[a-z][a-z0-9-]{0,19}")) {
      throw new IllegalArgumentException("stage must be lower-case letters, digits and dashes");
    }
    return new InfraConfig(
        stage,
        list(node, "allowedOrigins", "https://app.commercive.com"),
        list(node, "adminEmails", "support@commercive.com"),
        provider,
        text(node, "bedrockModelId", "anthropic.claude-3-5-haiku-20241022-v1:0"),
        text(node, "frontendUrl", "https://app.commercive.com"),
        text(node, "sesIdentity", "commercive.com"),
        text(node, "senderAddress", "Commercive Support <support@commercive.com>"),
        text(node, "existingUsersTable", ""),
        text(node, "jwtSecretArn", ""),
        entryPoint,
        text(node, "alarmEmail", ""),
        flag(node, "malwareScan", true),
        matching(node, "slaFirstResponseMinutes", "high:60,medium:240,low:1440", TARGETS),
        matching(node, "slaResolutionHours", "high:24,medium:72,low:168", TARGETS),
        matching(node, "autoCloseAfter", "P7D", "P(?:[0-9]+D)?(?:T(?:[0-9]+H)?(?:[0-9]+M)?(?:[0-9]+S)?)?"),
        inboundDomain(text(node, "inboundEmailDomain", "")),
        // Empty: the threshold calibrated with the help centre.
        matching(node, "assistantHandoffThreshold", "", "(0(\\.[0-9]{1,3})?|1(\\.0{1,3})?)?"));
  }

  /** Whether replies by email are set up: mail to {@link #inboundEmailDomain} reaches the tickets. */
  public boolean repliesByEmail() {
    return !inboundEmailDomain.isBlank();
  }

  /** A domain name, lower case, or empty (replies by email off). */
  private static String inboundDomain(String domain) {
    if (!domain.isEmpty() && !domain.matches("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+")) {
      throw new IllegalArgumentException("inboundEmailDomain must be a domain name, e.g. support.example.com");
    }
    return domain.toLowerCase(java.util.Locale.ROOT);
  }

  public boolean importsUsersTable() {
    return !existingUsersTable.isBlank();
  }

  private static String text(Node node, String key, String fallback) {
    Object value = node.tryGetContext(key);
    return value == null || value.toString().isBlank() ? fallback : value.toString().strip();
  }

  /** {@code true} or {@code false} (the default); anything else is refused. */
  private static String matching(Node node, String key, String fallback, String pattern) {
    String value = text(node, key, fallback).replace(" ", "");
    if (!value.matches(pattern) || value.equals("P") || value.endsWith("T")) {
      throw new IllegalArgumentException(key + " is not valid: " + value);
    }
    return value;
  }

  private static boolean flag(Node node, String key, boolean fallback) {
    String value = text(node, key, Boolean.toString(fallback));
    if (!value.equals("true") && !value.equals("false")) {
      throw new IllegalArgumentException(key + " must be true or false");
    }
    return Boolean.parseBoolean(value);
  }

  private static List<String> list(Node node, String key, String fallback) {
    return Arrays.stream(text(node, key, fallback).split(","))
        .map(String::strip).filter(s -> !s.isEmpty()).toList();
  }
}
