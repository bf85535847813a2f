package com.commercive.support.store.s3;

import com.commercive.support.config.AwsClients;
import com.commercive.support.config.SupportConfig;
import java.time.Clock;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The S3 client and presigner, built once per cold start with the shared client set-up; under an
 * endpoint override (the local stand-in) buckets are addressed by path, not by host name.
 */
public final class S3Clients {
  private S3Clients() {}

  /**
   * The S3 client. Against an endpoint of our own (the S3 stand-in) it signs a put's whole payload at
   * once: the stand-in would keep the SDK's aws-chunked framing (chunk signatures, a trailing
   * checksum) in the object itself.
   */
  public static S3Client client(SupportConfig config) {
    var aws = config.aws();
    var builder = AwsClients.standard(S3Client.builder(), aws, aws.s3Endpoint());
    if (aws.s3Endpoint().isPresent()) {
      builder.serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true)
          .chunkedEncodingEnabled(false).build())
          .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED);
    }
    return builder.build();
  }

  public static S3Presigner presigner(SupportConfig config) {
    var aws = config.aws();
    S3Presigner.Builder builder = S3Presigner.builder()
        .region(Region.of(aws.region()))
        .credentialsProvider(AwsClients.credentials(aws, aws.s3Endpoint()))
        .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(aws.s3Endpoint().isPresent()).build());
    aws.s3Endpoint().ifPresent(builder::endpointOverride);
    return builder.build();
  }

  /** The attachments' file storage for {@code config}'s bucket, on {@code s3}. */
  public static S3FileStorage fileStorage(SupportConfig config, S3Client s3, S3Presigner presigner, Clock clock) {
    var aws = config.aws();
    String bucket = config.attachments().bucket();
    return new S3FileStorage(s3, presigner, AwsClients.credentials(aws, aws.s3Endpoint()), aws.region(), bucket,
        S3FileStorage.bucketUrl(bucket, aws.region(), aws.s3Endpoint()), clock);
  }
}
