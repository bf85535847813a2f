package com.commercive.support.attachmentchecker;

import com.commercive.support.config.SupportConfig;
import com.commercive.support.service.AttachmentCheck;
import com.commercive.support.store.dynamodb.DynamoDbAdapters;
import com.commercive.support.store.s3.S3Clients;
import java.time.Clock;

/** The checker's and the expirer's one part: the check over the attachments table and the bucket. */
public final class AttachmentCheckerWiring {
  private AttachmentCheckerWiring() {}

  public static AttachmentCheck check(SupportConfig config) {
    return new AttachmentCheck(DynamoDbAdapters.from(config).attachments(),
        S3Clients.fileStorage(config, S3Clients.client(config), S3Clients.presigner(config), Clock.systemUTC()),
        new TikaContentSniffer(), config.attachments().policy());
  }
}
