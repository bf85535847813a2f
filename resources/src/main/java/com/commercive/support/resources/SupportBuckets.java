package com.commercive.support.resources;

/**
 * The attachments bucket's layout: files land under {@link #QUARANTINE_PREFIX} and move to
 * {@link #CHECKED_PREFIX} once checked; received mail lands under {@link #INBOUND_PREFIX}. The domain's {@code Attachment} makes the keys with the
 * same prefixes (it may depend on nothing, so it keeps its own copy; a test holds them equal).
 */
public final class SupportBuckets {
  public static final String QUARANTINE_PREFIX = "quarantine/";
  public static final String CHECKED_PREFIX = "attachments/";
  /** Received mail, raw, as SES's receipt rule stores it (replies by email). */
  public static final String INBOUND_PREFIX = "inbound/";
  /** The bucket's name in local runs (on AWS the stack's bucket gets a generated one). */
  public static final String LOCAL_ATTACHMENTS_BUCKET = "commercive-support-attachments";

  private SupportBuckets() {}
}
