package com.commercive.support.local;

import com.commercive.support.resources.SupportBuckets;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Consumer;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * What SES's receipt rule does with a received mail, locally: stores the raw mail in the bucket
 * under {@code inbound/<id>} (the S3 action), then puts SES's "Received" notification on the
 * inbound queue, as the rule's topic delivers it (raw message delivery). Every verdict is
 * {@code PASS}: nothing here scans mail. A failure of either step fails the SMTP transaction with
 * 451, so the sender tries again and nothing is lost.
 */
final class LocalSesReceipt implements Consumer<LocalSmtp.Received> {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] ID_CHARACTERS = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

  private final S3Client s3;
  private final String bucket;
  private final SqsClient sqs;
  private final String queueUrl;
  private final String region;

  LocalSesReceipt(S3Client s3, String bucket, SqsClient sqs, String queueUrl, String region) {
    this.s3 = s3;
    this.bucket = bucket;
    this.sqs = sqs;
    this.queueUrl = queueUrl;
    this.region = region;
  }

  @Override
  public void accept(LocalSmtp.Received mail) {
    String id = sesMessageId();
    String key = SupportBuckets.INBOUND_PREFIX + id;
    s3.putObject(r -> r.bucket(bucket).key(key).contentType("message/rfc822"), RequestBody.fromBytes(mail.raw()));
    sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(notification(mail, id, key, Instant.now())));
  }

  /** SES's notification of a received mail stored by an S3 action, in the shape SES publishes it. */
  String notification(LocalSmtp.Received received, String id, String key, Instant at) {
    ObjectNode root = JSON.createObjectNode();
    root.put("notificationType", "Received");
    ObjectNode mail = root.putObject("mail");
    mail.put("timestamp", at.toString());
    mail.put("source", received.envelopeFrom());
    mail.put("messageId", id);
    ArrayNode destination = mail.putArray("destination");
    received.recipients().forEach(destination::add);
    mail.put("headersTruncated", false);
    ObjectNode receipt = root.putObject("receipt");
    receipt.put("timestamp", at.toString());
    receipt.put("processingTimeMillis", 1);
    ArrayNode recipients = receipt.putArray("recipients");
    received.recipients().forEach(recipient -> recipients.add(recipient.toLowerCase(Locale.ROOT)));
    for (String verdict : new String[] {"spamVerdict", "virusVerdict", "spfVerdict", "dkimVerdict", "dmarcVerdict"}) {
      receipt.putObject(verdict).put("status", "PASS");
    }
    ObjectNode action = receipt.putObject("action");
    action.put("type", "S3");
    action.put("topicArn", "arn:aws:sns:" + region + ":000000000000:commercive-support-inbound-mail");
    action.put("bucketName", bucket);
    action.put("objectKeyPrefix", SupportBuckets.INBOUND_PREFIX);
    action.put("objectKey", key);
    return root.toString();
  }

  /** An id like SES's: 40 lower-case letters and digits. */
  private static String sesMessageId() {
    char[] id = new char[40];
    for (int i = 0; i < id.length; i++) {
      id[i] = ID_CHARACTERS[RANDOM.nextInt(ID_CHARACTERS.length)];
    }
    return new String(id);
  }
}
