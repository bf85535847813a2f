package com.commercive.support.inbound;

import com.commercive.support.email.InboundScreen.Verdicts;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What SES says of a received mail when its receipt rule has stored it in S3 (the notification's
 * {@code mail} and {@code receipt}): SES's id for it, the envelope sender (empty for a bounce), the
 * envelope recipients (ours, whatever the headers say), its verdicts, and where the raw mail is.
 */
public record SesNotification(String sesMessageId, String source, List<String> recipients, Verdicts verdicts,
    String bucket, String objectKey) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Reads the notification.
   *
   * @throws IllegalArgumentException not a "Received" notification with an S3 action
   */
  public static SesNotification parse(String body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      throw new IllegalArgumentException("not a JSON notification", e);
    }
    if (root == null || !"Received".equals(root.path("notificationType").asText())) {
      throw new IllegalArgumentException("not an SES receipt notification");
    }
    JsonNode receipt = root.path("receipt");
    JsonNode action = receipt.path("action");
    if (!"S3".equals(action.path("type").asText()) || action.path("objectKey").asText().isEmpty()) {
      throw new IllegalArgumentException("the receipt's action did not store the mail in S3");
    }
    List<String> recipients = new ArrayList<>();
    receipt.path("recipients").forEach(r -> recipients.add(r.asText()));
    return new SesNotification(root.path("mail").path("messageId").asText(), root.path("mail").path("source").asText(),
        List.copyOf(recipients),
        new Verdicts(status(receipt, "spamVerdict"), status(receipt, "virusVerdict"), status(receipt, "spfVerdict"),
            status(receipt, "dkimVerdict"), status(receipt, "dmarcVerdict")),
        action.path("bucketName").asText(), action.path("objectKey").asText());
  }

  private static String status(JsonNode receipt, String verdict) {
    JsonNode status = receipt.path(verdict).path("status");
    return status.isMissingNode() || status.isNull() ? null : status.asText();
  }
}
